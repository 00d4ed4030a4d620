using System.Net;
using System.Net.Http.Json;
using System.Text;
using EventAgents.WebApi.IntegrationTests.Infrastructure;

namespace EventAgents.WebApi.IntegrationTests.Security;

public sealed class AbuseLimitsTests : ApiTest
{
    [Test]
    public async Task Anonymous_calls_beyond_the_limit_get_429_with_retry_after_while_health_stays_exempt()
    {
        await using var factory = new ApiFactory(settings: new Dictionary<string, string?>
        {
            ["RateLimit:AnonymousPermitsPerSecond"] = "1",
            ["RateLimit:AnonymousBurst"] = "2",
        });
        using var client = factory.CreateClient();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 5; i++)
        {
            var response = await client.GetAsync("/api/v1/tenants");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
        }

        Assert.That(statuses.Take(2), Is.All.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(limited, Is.Not.Null, string.Join(",", statuses));
        var problem = await limited!.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.That(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(1));
        Assert.That(problem.GetProperty("retryAfterSeconds").GetInt32(), Is.GreaterThanOrEqualTo(1));
        for (var i = 0; i < 10; i++)
        {
            Assert.That((await client.GetAsync("/health/live")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
    }

    [Test]
    public async Task Authenticated_clients_are_limited_per_client()
    {
        await using var factory = new ApiFactory(settings: new Dictionary<string, string?>
        {
            ["RateLimit:PermitsPerSecond"] = "1",
            ["RateLimit:Burst"] = "3",
        });
        using var admin = await TestAuth.AdminClientAsync(factory);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await admin.GetAsync("/api/v1/tenants")).StatusCode);
        }

        Assert.That(statuses.Take(3), Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(statuses, Does.Contain(HttpStatusCode.TooManyRequests));
    }

    [Test]
    public async Task The_token_endpoint_has_its_own_stricter_limit()
    {
        await using var factory = new ApiFactory(settings: new Dictionary<string, string?> { ["RateLimit:TokenBurst"] = "2", ["RateLimit:TokenPermitsPerMinute"] = "1" });
        using var client = factory.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = "guess-" + i,
                ["client_secret"] = "guess",
            });
            statuses.Add((await client.PostAsync("/api/v1/auth/token", form)).StatusCode);
        }

        Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests }));
    }

    [Test]
    public async Task A_body_over_the_limit_is_a_413_problem()
    {
        var huge = "{\"name\":\"" + new string('x', 1024 * 1024 + 10) + "\"}";

        var response = await Admin.PostAsync("/api/v1/tenants", new StringContent(huge, Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.That(await TestDatabase.CountAsync("tenants"), Is.EqualTo(1), "only the platform tenant");
    }

    [Test]
    public async Task Json_nested_deeper_than_64_is_a_400()
    {
        var deep = "{\"name\":" + new string('[', 70) + new string(']', 70) + "}";

        var response = await Admin.PostAsync("/api/v1/tenants", new StringContent(deep, Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Responses_carry_nosniff_and_no_server_header()
    {
        var response = await Client.GetAsync("/health/live");

        Assert.That(response.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
        Assert.That(response.Headers.Contains("Server"), Is.False);
    }

    [Test]
    public async Task Page_sizes_are_capped()
    {
        var response = await Admin.GetAsync("/api/v1/tenants?limit=100000");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
