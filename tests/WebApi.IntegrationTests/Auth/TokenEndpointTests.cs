using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace EventAgents.WebApi.IntegrationTests.Auth;

public sealed class TokenEndpointTests : ApiTest
{
    private const string TokenUrl = "/api/v1/auth/token";

    [Test]
    public async Task Form_credentials_get_an_at_jwt_access_token_with_all_granted_scopes()
    {
        var partner = await Auth.CreatePartnerAsync("events:read", "events:write");

        var response = await Client.PostAsync(TokenUrl, Form(("grant_type", "client_credentials"), ("client_id", partner.ClientId), ("client_secret", partner.ClientSecret)));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        var body = await response.ReadJsonAsync();
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("token_type").GetString(), Is.EqualTo("Bearer"));
            Assert.That(body.GetProperty("expires_in").GetInt32(), Is.EqualTo(15 * 60));
            Assert.That(body.GetProperty("scope").GetString(), Is.EqualTo("events:read events:write"));
        });

        var jwt = new JsonWebToken(body.GetProperty("access_token").GetString());
        Assert.Multiple(() =>
        {
            Assert.That(jwt.Typ, Is.EqualTo("at+jwt"));
            Assert.That(jwt.Alg, Is.EqualTo("HS256"));
            Assert.That(jwt.Subject, Is.EqualTo(partner.ClientId));
            Assert.That(jwt.GetClaim("client_id").Value, Is.EqualTo(partner.ClientId));
            Assert.That(jwt.GetClaim("tenant_id").Value, Is.EqualTo(partner.TenantId.ToString()));
            Assert.That(jwt.GetClaim("scope").Value, Is.EqualTo("events:read events:write"));
            Assert.That(jwt.Issuer, Is.EqualTo("eventagents"));
            Assert.That(jwt.Audiences, Is.EqualTo(new[] { "eventagents" }));
            Assert.That(jwt.Id, Is.Not.Empty);
            Assert.That(jwt.ValidTo - jwt.IssuedAt, Is.EqualTo(TimeSpan.FromMinutes(15)));
        });
    }

    [Test]
    public async Task Basic_credentials_work_too()
    {
        var partner = await Auth.CreatePartnerAsync("events:read");
        using var request = new HttpRequestMessage(HttpMethod.Post, TokenUrl) { Content = Form(("grant_type", "client_credentials")) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{partner.ClientId}:{partner.ClientSecret}")));

        var response = await Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await response.ReadJsonAsync()).GetProperty("scope").GetString(), Is.EqualTo("events:read"));
    }

    [Test]
    public async Task A_requested_subset_of_scopes_is_granted()
    {
        var partner = await Auth.CreatePartnerAsync("events:read", "events:write", "documents:read");

        var response = await Client.PostAsync(TokenUrl, Form(("grant_type", "client_credentials"), ("client_id", partner.ClientId),
            ("client_secret", partner.ClientSecret), ("scope", "documents:read events:read")));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var token = new JsonWebToken((await response.ReadJsonAsync()).GetProperty("access_token").GetString());
        Assert.That(token.GetClaim("scope").Value, Is.EqualTo("documents:read events:read"));
    }

    [Test]
    public async Task An_unknown_client_and_a_wrong_secret_get_the_same_invalid_client_answer()
    {
        var partner = await Auth.CreatePartnerAsync("events:read");

        var unknown = await Client.PostAsync(TokenUrl, Form(("grant_type", "client_credentials"), ("client_id", "nobody"), ("client_secret", "whatever")));
        var wrongSecret = await Client.PostAsync(TokenUrl, Form(("grant_type", "client_credentials"), ("client_id", partner.ClientId), ("client_secret", "wrong")));

        await AssertOAuthErrorAsync(unknown, HttpStatusCode.Unauthorized, "invalid_client");
        await AssertOAuthErrorAsync(wrongSecret, HttpStatusCode.Unauthorized, "invalid_client");
        Assert.That(await unknown.Content.ReadAsStringAsync(), Is.EqualTo(await wrongSecret.Content.ReadAsStringAsync()));
    }

    [Test]
    public async Task Bad_basic_credentials_are_invalid_client_with_a_basic_challenge()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, TokenUrl) { Content = Form(("grant_type", "client_credentials")) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("nobody:nothing")));

        var response = await Client.SendAsync(request);

        await AssertOAuthErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client");
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Basic"));
    }

    [Test]
    public async Task A_missing_grant_type_is_invalid_request()
    {
        var response = await Client.PostAsync(TokenUrl, Form(("client_id", "x"), ("client_secret", "y")));

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request");
    }

    [Test]
    public async Task Another_grant_type_is_unsupported_grant_type()
    {
        var response = await Client.PostAsync(TokenUrl, Form(("grant_type", "password"), ("username", "u"), ("password", "p")));

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "unsupported_grant_type");
    }

    [Test]
    public async Task A_scope_the_client_was_not_granted_is_invalid_scope()
    {
        var partner = await Auth.CreatePartnerAsync("events:read");

        var response = await Client.PostAsync(TokenUrl, Form(("grant_type", "client_credentials"), ("client_id", partner.ClientId),
            ("client_secret", partner.ClientSecret), ("scope", "events:read events:write")));

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_scope");
    }

    [Test]
    public async Task Credentials_in_both_basic_and_form_are_invalid_request()
    {
        var partner = await Auth.CreatePartnerAsync("events:read");
        using var request = new HttpRequestMessage(HttpMethod.Post, TokenUrl)
        {
            Content = Form(("grant_type", "client_credentials"), ("client_id", partner.ClientId), ("client_secret", partner.ClientSecret)),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{partner.ClientId}:{partner.ClientSecret}")));

        var response = await Client.SendAsync(request);

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request");
    }

    [Test]
    public async Task A_revoked_client_gets_no_token_and_its_existing_token_stops_working()
    {
        var partner = await Auth.CreatePartnerAsync("events:read");
        using var partnerHttp = await Auth.ClientWithTokenAsync(partner.ClientId, partner.ClientSecret);
        var before = await partnerHttp.GetAsync("/api/v1/tenants");
        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "the token works (authenticated, just not admin)");

        var revoke = await Admin.DeleteAsync($"/api/v1/tenants/{partner.TenantId}/clients/{partner.ClientId}");
        Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        var token = await Client.PostAsync(TokenUrl, Form(("grant_type", "client_credentials"), ("client_id", partner.ClientId), ("client_secret", partner.ClientSecret)));
        await AssertOAuthErrorAsync(token, HttpStatusCode.Unauthorized, "invalid_client");
        var after = await partnerHttp.GetAsync("/api/v1/tenants");
        await after.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [TestCase("client_id")]
    [TestCase("client_secret")]
    [TestCase("grant_type")]
    public async Task A_parameter_sent_twice_is_an_invalid_request_even_when_its_first_value_is_right(string repeated)
    {
        var partner = await Auth.CreatePartnerAsync("events:read");
        var fields = new List<(string, string)> { ("grant_type", "client_credentials"), ("client_id", partner.ClientId), ("client_secret", partner.ClientSecret) };
        fields.Add((repeated, "other"));

        var response = await Client.PostAsync(TokenUrl, Form([.. fields]));

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request");
    }

    [Test]
    public async Task Failed_requests_for_one_client_id_throttle_that_client_id_only()
    {
        await using var factory = new ApiFactory(settings: new Dictionary<string, string?> { ["RateLimit:TokenFailuresPerClientPerMinute"] = "3" });
        var auth = new TestAuth(factory);
        var target = await auth.CreatePartnerAsync("events:read");
        var neighbour = await auth.CreatePartnerAsync("events:read");
        using var client = factory.CreateClient();

        var guesses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            guesses.Add((await client.PostAsync(TokenUrl, Credentials(target.ClientId, "guess-" + i))).StatusCode);
        }

        var rightSecretAfterGuesses = await client.PostAsync(TokenUrl, Credentials(target.ClientId, target.ClientSecret));
        var neighbourFromTheSameAddress = await client.PostAsync(TokenUrl, Credentials(neighbour.ClientId, neighbour.ClientSecret));

        Assert.That(guesses, Is.All.EqualTo(HttpStatusCode.Unauthorized));
        await rightSecretAfterGuesses.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.That(rightSecretAfterGuesses.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(neighbourFromTheSameAddress.StatusCode, Is.EqualTo(HttpStatusCode.OK), "other clients behind the address are not blocked");
    }

    [Test]
    public async Task Thirty_token_requests_a_minute_from_one_address_means_thirty_not_the_burst_of_ten()
    {
        await using var factory = new ApiFactory(settings: new Dictionary<string, string?>
        {
            ["RateLimit:TokenPermitsPerMinute"] = "30",
            ["RateLimit:TokenBurst"] = "0",
        });
        var partner = await new TestAuth(factory).CreatePartnerAsync("events:read"); // the admin token is one request of the 30
        using var client = factory.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            statuses.Add((await client.PostAsync(TokenUrl, Credentials(partner.ClientId, partner.ClientSecret))).StatusCode);
        }

        Assert.That(statuses.Take(29), Is.All.EqualTo(HttpStatusCode.OK), "the default 30 per minute (the burst of 10 allowed 9 here)");
        Assert.That(statuses, Does.Contain(HttpStatusCode.TooManyRequests));
        Assert.That(statuses.Count(s => s == HttpStatusCode.OK), Is.LessThan(34), "and not much more than 30 in well under a minute");
    }

    private static FormUrlEncodedContent Credentials(string clientId, string secret) =>
        Form(("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", secret));

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private static async Task AssertOAuthErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.That(json.GetProperty("error").GetString(), Is.EqualTo(error));
        Assert.That(json.GetProperty("error_description").GetString(), Is.Not.Empty);
    }
}
