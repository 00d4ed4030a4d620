using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EventAgents.WebApi.IntegrationTests.Infrastructure;

namespace EventAgents.WebApi.IntegrationTests.Contract;

/// <summary>The headers and error members partners and their SDKs rely on (issue #16).</summary>
public sealed class PartnerFacingHeadersTests : ApiTest
{
    [TestCase("/api/v1/collections/orders/documents/o-1")]
    [TestCase("/api/v1/collections/orders/documents?where[kind]=a")]
    [TestCase("/api/v1/streams/order-1/events")]
    [TestCase("/api/v1/events?limit=10")]
    public async Task The_hot_reads_answer_JSON_with_its_length_whatever_the_Accept_header_says(string path)
    {
        using var http = await Auth.PartnerClientAsync("events:read", "events:write", "documents:read", "documents:write");
        await http.AppendOkAsync("order-1", EventsApi.Event("order.placed"));
        await http.PutOkAsync("orders", "o-1", new { kind = "a", note = "caf\u00e9 <b>" });

        foreach (var accept in new[] { "application/json", "*/*", "text/plain" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Accept.ParseAdd(accept);
            var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();

            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), accept);
            Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("application/json; charset=utf-8"), accept);
            Assert.That(response.Content.Headers.ContentLength, Is.EqualTo(body.Length), "sent with a Content-Length, not chunked");
            using var json = JsonDocument.Parse(body);
            Assert.That(json.RootElement.ValueKind, Is.EqualTo(JsonValueKind.Object));
        }
    }

    [Test]
    public async Task An_idempotent_append_replay_says_Idempotent_Replayed_and_every_append_has_an_absolute_Location()
    {
        using var http = await Auth.PartnerClientAsync("events:read", "events:write");
        var body = new { events = new[] { EventsApi.Event("order.placed", new { n = 1 }, Guid.CreateVersion7()) } };

        var first = await http.AppendAsync("order-1", body);
        var replay = await http.AppendAsync("order-1", body);

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(first.Headers.Contains("Idempotent-Replayed"), Is.False);
        Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(replay.Headers.GetValues("Idempotent-Replayed").Single(), Is.EqualTo("true"));
        Assert.That(first.Headers.Location!.IsAbsoluteUri, Is.True, first.Headers.Location!.ToString());
        Assert.That(first.Headers.Location!.PathAndQuery, Is.EqualTo("/api/v1/streams/order-1/events?fromVersion=1"));
        var read = await http.GetAsync(first.Headers.Location);
        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_token_without_the_scope_gets_403_naming_the_scope_in_WWW_Authenticate_and_requiredScopes()
    {
        using var http = await Auth.PartnerClientAsync("events:read");

        var response = await http.AppendAsync("order-1", new { events = new[] { EventsApi.Event() } });

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        var challenge = response.Headers.WwwAuthenticate.Single();
        Assert.That(challenge.Scheme, Is.EqualTo("Bearer"));
        Assert.That(challenge.Parameter, Does.Contain("error=\"insufficient_scope\"").And.Contain("scope=\"events:write\""));
        Assert.That(problem.GetProperty("requiredScopes").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { "events:write" }));
    }

    [Test]
    public async Task Reading_a_system_stream_without_its_scope_names_that_scope_too()
    {
        using var http = await Auth.PartnerClientAsync("events:read");

        var response = await http.GetAsync("/api/v1/streams/doc:orders:o-1/events");

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.That(response.Headers.WwwAuthenticate.Single().Parameter, Does.Contain("scope=\"documents:read\""));
        Assert.That(problem.GetProperty("requiredScopes")[0].GetString(), Is.EqualTo("documents:read"));
    }

    [Test]
    public async Task A_401_says_why_in_error_description_and_no_token_gets_a_bare_challenge()
    {
        var partner = await Auth.CreatePartnerAsync("events:read");
        var expired = TokenForge.Create(partner.ClientId, partner.TenantId, "events:read", expires: DateTime.UtcNow.AddMinutes(-5));
        using var withExpired = Auth.WithToken(expired);
        using var garbage = Auth.WithToken("not-a-jwt");

        var expiredResponse = await withExpired.GetAsync("/api/v1/streams");
        var garbageResponse = await garbage.GetAsync("/api/v1/streams");
        var anonymous = await Client.GetAsync("/api/v1/streams");

        var problem = await expiredResponse.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(expiredResponse.Headers.WwwAuthenticate.Single().Parameter,
            Does.Contain("error=\"invalid_token\"").And.Contain("error_description=\"The access token has expired"));
        Assert.That(problem.GetProperty("detail").GetString(), Does.StartWith("The access token has expired"));
        Assert.That(garbageResponse.Headers.WwwAuthenticate.Single().Parameter, Does.Contain("error=\"invalid_token\"").And.Contain("error_description=\""));
        await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(anonymous.Headers.WwwAuthenticate.Single().Parameter, Does.Not.Contain("error="));
    }

    [Test]
    public async Task Responses_carry_the_IETF_RateLimit_headers_and_the_quota_left_goes_down()
    {
        await using var api = new ApiFactory(settings: new Dictionary<string, string?>
        {
            ["RateLimit:PermitsPerSecond"] = "1",
            ["RateLimit:Burst"] = "50",
        });
        var partner = await new TestAuth(api).CreatePartnerAsync("events:read");
        using var http = await new TestAuth(api).ClientWithTokenAsync(partner.ClientId, partner.ClientSecret);

        var first = await http.GetAsync("/api/v1/streams");
        var second = await http.GetAsync("/api/v1/streams/missing");

        Assert.That(first.Headers.GetValues("RateLimit-Policy").Single(), Is.EqualTo("\"client\";q=50;w=50"));
        var left1 = Remaining(first);
        var left2 = Remaining(second);
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "problems carry them too");
        Assert.That(left2, Is.LessThan(left1));
        Assert.That(left1, Is.LessThan(50));
    }

    [Test]
    public async Task A_wrong_secret_from_a_script_gets_no_Basic_challenge_so_browsers_show_no_login_dialog()
    {
        var partner = await Auth.CreatePartnerAsync("events:read");
        using var fromPage = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        fromPage.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{partner.ClientId}:wrong")));
        fromPage.Headers.Add("X-Requested-With", "XMLHttpRequest");
        using var fromCurl = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        fromCurl.Headers.Authorization = fromPage.Headers.Authorization;

        var page = await Client.SendAsync(fromPage);
        var curl = await Client.SendAsync(fromCurl);

        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(page.Headers.WwwAuthenticate, Is.Empty);
        Assert.That((await page.ReadJsonAsync()).GetProperty("error").GetString(), Is.EqualTo("invalid_client"));
        Assert.That(curl.Headers.WwwAuthenticate.Single().Scheme, Is.EqualTo("Basic"));
    }

    private static int Remaining(HttpResponseMessage response)
    {
        var value = response.Headers.GetValues("RateLimit").Single();
        Assert.That(value, Does.Match("^\"client\";r=\\d+;t=\\d+$"));
        return int.Parse(value.Split(';')[1][2..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
