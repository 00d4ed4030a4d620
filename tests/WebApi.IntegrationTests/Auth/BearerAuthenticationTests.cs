using System.Net;
using System.Net.Http.Headers;
using EventAgents.WebApi.IntegrationTests.Infrastructure;

namespace EventAgents.WebApi.IntegrationTests.Auth;

/// <summary>Every way a bearer token can be wrong, against an endpoint that needs one.</summary>
public sealed class BearerAuthenticationTests : ApiTest
{
    private const string Protected = "/api/v1/tenants";
    private static readonly Guid PlatformTenant = new("00000000-0000-7000-8000-000000000001");

    [Test]
    public async Task No_token_is_a_401_problem_with_a_bearer_challenge()
    {
        var response = await Client.GetAsync(Protected);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(response.Headers.WwwAuthenticate.Single().Scheme, Is.EqualTo("Bearer"));
        Assert.That(response.Headers.WwwAuthenticate.Single().Parameter, Is.EqualTo("realm=\"eventagents\""), "no error code when no credentials came (RFC 6750)");
    }

    [Test]
    public async Task A_valid_admin_token_is_accepted()
    {
        var token = TokenForge.Create(TestAuth.AdminClientId, PlatformTenant, "admin");

        var response = await Send(token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("not-a-jwt")]
    [TestCase("a.b.c")]
    [TestCase("eyJhbGciOiJIUzI1NiJ9.e30.")]
    public async Task A_malformed_token_is_a_401(string token) =>
        await AssertRejected(await Send(token));

    [Test]
    public async Task An_expired_token_is_a_401() =>
        await AssertRejected(await Send(TokenForge.Create(TestAuth.AdminClientId, PlatformTenant, "admin", expires: DateTime.UtcNow.AddMinutes(-2))));

    [Test]
    public async Task A_token_signed_with_another_key_is_a_401() =>
        await AssertRejected(await Send(TokenForge.Create(TestAuth.AdminClientId, PlatformTenant, "admin", signingKey: "another-signing-key-0123456789abcdef-0123456789")));

    [Test]
    public async Task An_unsigned_alg_none_token_is_a_401() =>
        await AssertRejected(await Send(TokenForge.WithoutSignature(TestAuth.AdminClientId, PlatformTenant, "admin")));

    [Test]
    public async Task A_token_of_another_issuer_is_a_401() =>
        await AssertRejected(await Send(TokenForge.Create(TestAuth.AdminClientId, PlatformTenant, "admin", issuer: "someone-else")));

    [Test]
    public async Task A_token_for_another_audience_is_a_401() =>
        await AssertRejected(await Send(TokenForge.Create(TestAuth.AdminClientId, PlatformTenant, "admin", audience: "another-api")));

    [Test]
    public async Task A_token_that_is_not_an_access_token_is_a_401() =>
        await AssertRejected(await Send(TokenForge.Create(TestAuth.AdminClientId, PlatformTenant, "admin", tokenType: "JWT")));

    [Test]
    public async Task A_token_of_an_unknown_client_is_a_401() =>
        await AssertRejected(await Send(TokenForge.Create("ghost", PlatformTenant, "admin")));

    [Test]
    public async Task A_valid_token_without_the_scope_is_a_403_problem()
    {
        using var partner = await Auth.PartnerClientAsync("events:read");

        var response = await partner.GetAsync(Protected);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task The_admin_scope_claimed_by_a_partner_tenant_token_is_a_403()
    {
        var partner = await Auth.CreatePartnerAsync("events:read");
        var forged = TokenForge.Create(partner.ClientId, partner.TenantId, "admin");

        var response = await Send(forged);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    private async Task<HttpResponseMessage> Send(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Protected);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Client.SendAsync(request);
    }

    private static async Task AssertRejected(HttpResponseMessage response)
    {
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(response.Headers.WwwAuthenticate.Single().Scheme, Is.EqualTo("Bearer"));
    }
}
