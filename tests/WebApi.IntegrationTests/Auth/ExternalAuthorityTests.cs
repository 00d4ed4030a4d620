using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EventAgents.WebApi.IntegrationTests.Auth;

/// <summary>Tokens of a partner's own OpenID Connect issuer, found by discovery, with tenant and scope claims mapped by configuration.</summary>
public sealed class ExternalAuthorityTests : ApiTest
{
    private const string Audience = "partner-api";
    private static readonly Guid PlatformTenant = new("00000000-0000-7000-8000-000000000001");

    [Test]
    public async Task Tokens_of_the_configured_authority_are_accepted_with_their_mapped_scopes()
    {
        await using var idp = await FakeIdentityProvider.StartAsync();
        await using var factory = AuthorityApi(idp);
        using var client = factory.CreateClient();

        var admin = await Get(client, idp.Token(new Claim("org", PlatformTenant.ToString()), new Claim("scp", "admin")));
        var partner = await Get(client, idp.Token(new Claim("org", Guid.CreateVersion7().ToString()), new Claim("scp", "events:read")));
        var noTenant = await Get(client, idp.Token(new Claim("scp", "admin")));
        var foreignKey = await Get(client, idp.Token(signWithAnotherKey: true, claims: [new Claim("org", PlatformTenant.ToString()), new Claim("scp", "admin")]));
        var local = await Get(client, TokenForge.Create(TestAuth.AdminClientId, PlatformTenant, "admin"));

        Assert.Multiple(() =>
        {
            Assert.That(admin.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "an external token never acts for the platform tenant (issue #15)");
            Assert.That(partner.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(noTenant.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(foreignKey.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(local.StatusCode, Is.EqualTo(HttpStatusCode.OK), "our own tokens keep working beside the authority");
        });
    }

    [Test]
    public async Task External_tokens_must_be_typed_as_access_tokens_never_hold_admin_and_never_carry_crit()
    {
        await using var idp = await FakeIdentityProvider.StartAsync();
        await using var factory = AuthorityApi(idp);
        using var client = factory.CreateClient();
        Claim[] partner = [new Claim("org", Guid.CreateVersion7().ToString()), new Claim("scp", "events:read admin")];

        var typed = await Get(client, idp.Token(false, partner), "/api/v1/events");
        var adminFromPartner = await Get(client, idp.Token(false, partner));
        var idTokenTyped = await Get(client, idp.Token(false, partner, tokenType: "JWT"), "/api/v1/events");
        var critical = await Get(client, idp.Token(false, partner, header: new() { ["crit"] = new[] { "exp-ext" }, ["exp-ext"] = 1 }), "/api/v1/events");

        Assert.Multiple(() =>
        {
            Assert.That(typed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(adminFromPartner.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "admin is never granted to an external token");
            Assert.That(idTokenTyped.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "typ must be at+jwt by default");
            Assert.That(critical.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
    }

    [Test]
    public async Task An_external_token_naming_a_client_revoked_here_is_refused()
    {
        await using var idp = await FakeIdentityProvider.StartAsync();
        await using var factory = AuthorityApi(idp);
        var partner = await new TestAuth(factory).CreatePartnerAsync("events:read");
        using var admin = await TestAuth.AdminClientAsync(factory);
        using var client = factory.CreateClient();
        var named = idp.Token(new Claim("org", partner.TenantId.ToString()), new Claim("scp", "events:read"), new Claim("client_id", partner.ClientId));
        var unknown = idp.Token(new Claim("org", partner.TenantId.ToString()), new Claim("scp", "events:read"), new Claim("client_id", "idp-only-client"));

        var before = await Get(client, named, "/api/v1/events");
        var revoked = await admin.DeleteAsync($"/api/v1/tenants/{partner.TenantId}/clients/{partner.ClientId}");
        var after = await Get(client, named, "/api/v1/events");
        var notOurs = await Get(client, unknown, "/api/v1/events");

        Assert.That((before.StatusCode, revoked.IsSuccessStatusCode), Is.EqualTo((HttpStatusCode.OK, true)));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the issuer named a client this service revoked");
        Assert.That(notOurs.StatusCode, Is.EqualTo(HttpStatusCode.OK), "clients only the issuer knows are its business");
    }

    [Test]
    public async Task Our_own_tokens_with_a_crit_header_are_refused()
    {
        var partner = await Auth.CreatePartnerAsync("events:read");
        var critical = TokenForge.Create(partner.ClientId, partner.TenantId, "events:read", header: new() { ["crit"] = new[] { "b64" }, ["b64"] = false });
        var plain = TokenForge.Create(partner.ClientId, partner.TenantId, "events:read");

        Assert.That((await Get(Client, critical, "/api/v1/events")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await Get(Client, plain, "/api/v1/events")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    /// <summary>The API accepting tokens of <paramref name="idp"/>, its tenant in <c>org</c> and scopes in <c>scp</c>.</summary>
    private static ApiFactory AuthorityApi(FakeIdentityProvider idp) => new(settings: new Dictionary<string, string?>
    {
        ["Auth:Authority"] = idp.Authority,
        ["Auth:AuthorityRequireHttps"] = "false",
        ["Auth:AuthorityAudience"] = Audience,
        ["Auth:AuthorityTenantClaim"] = "org",
        ["Auth:AuthorityScopeClaim"] = "scp",
    });

    private static async Task<HttpResponseMessage> Get(HttpClient client, string token, string path = "/api/v1/tenants")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    /// <summary>A real HTTP server on 127.0.0.1 serving OpenID discovery and a JWKS with one RSA key.</summary>
    private sealed class FakeIdentityProvider : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "idp-key-1" };
        private readonly RsaSecurityKey _otherKey = new(RSA.Create(2048)) { KeyId = "idp-key-1" };

        private FakeIdentityProvider(WebApplication app) => _app = app;

        public string Authority { get; private set; } = string.Empty;

        public static async Task<FakeIdentityProvider> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var idp = new FakeIdentityProvider(app);
            app.MapGet("/.well-known/openid-configuration", () => Results.Json(new { issuer = idp.Authority, jwks_uri = idp.Authority + "/jwks" }));
            app.MapGet("/jwks", () =>
            {
                var parameters = idp._key.Rsa.ExportParameters(false);
                return Results.Json(new
                {
                    keys = new[]
                    {
                        new { kty = "RSA", use = "sig", alg = "RS256", kid = idp._key.KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) },
                    },
                });
            });
            await app.StartAsync();
            idp.Authority = app.Urls.First();
            return idp;
        }

        public string Token(params Claim[] claims) => Token(false, claims);

        public string Token(bool signWithAnotherKey, Claim[] claims, string tokenType = "at+jwt", Dictionary<string, object>? header = null) =>
            new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                TokenType = tokenType,
                AdditionalHeaderClaims = header,
                Issuer = Authority,
                Audience = Audience,
                Expires = DateTime.UtcNow.AddMinutes(5),
                Subject = new ClaimsIdentity(claims.Append(new Claim("sub", "partner-service"))),
                SigningCredentials = new SigningCredentials(signWithAnotherKey ? _otherKey : _key, SecurityAlgorithms.RsaSha256),
            });

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _key.Rsa.Dispose();
            _otherKey.Rsa.Dispose();
        }
    }
}
