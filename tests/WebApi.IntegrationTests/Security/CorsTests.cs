using System.Net;
using EventAgents.WebApi.IntegrationTests.Infrastructure;

namespace EventAgents.WebApi.IntegrationTests.Security;

public sealed class CorsTests
{
    private const string Allowed = "https://partner.example";

    [Test]
    public async Task A_preflight_from_an_allowed_origin_is_answered_with_the_origin()
    {
        await using var factory = new ApiFactory(settings: new Dictionary<string, string?> { ["Cors:AllowedOrigins"] = Allowed + ",https://other.example" });
        using var client = factory.CreateClient();

        var response = await client.SendAsync(Preflight(Allowed));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(response.Headers.GetValues("Access-Control-Allow-Origin").Single(), Is.EqualTo(Allowed));
    }

    [Test]
    public async Task A_preflight_from_an_unlisted_origin_gets_no_allow_origin()
    {
        await using var factory = new ApiFactory(settings: new Dictionary<string, string?> { ["Cors:AllowedOrigins"] = Allowed });
        using var client = factory.CreateClient();

        var response = await client.SendAsync(Preflight("https://evil.example"));

        Assert.That(response.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
    }

    [Test]
    public async Task No_origin_is_allowed_by_default()
    {
        await using var factory = new ApiFactory();
        using var client = factory.CreateClient();

        var response = await client.SendAsync(Preflight(Allowed));

        Assert.That(response.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/tenants");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", "authorization");
        return request;
    }
}
