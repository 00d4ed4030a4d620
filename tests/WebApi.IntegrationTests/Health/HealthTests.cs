using System.Net;
using System.Net.Sockets;
using EventAgents.WebApi.IntegrationTests.Infrastructure;

namespace EventAgents.WebApi.IntegrationTests.Health;

public sealed class HealthTests : ApiTest
{
    [Test]
    public async Task Live_answers_200_without_checking_dependencies()
    {
        var response = await Client.GetAsync("/health/live");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var body = await response.ReadJsonAsync();
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("healthy"));
        Assert.That(body.GetProperty("checks").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task Ready_answers_200_with_each_check_when_the_database_is_up_and_migrated()
    {
        var response = await Client.GetAsync("/health/ready");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var body = await response.ReadJsonAsync();
        var checks = body.GetProperty("checks").EnumerateArray().ToDictionary(
            c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.That(checks, Is.EquivalentTo(new Dictionary<string, string?> { ["postgres"] = "healthy", ["migrations"] = "healthy", ["admission"] = "healthy" }));
        Assert.That(body.GetProperty("checks")[0].GetProperty("durationMs").GetDouble(), Is.GreaterThanOrEqualTo(0));
    }

    [Test]
    public async Task Ready_answers_503_when_the_database_is_unreachable()
    {
        var closedPort = ClosedPort();
        await using var factory = new ApiFactory(settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = $"Host=127.0.0.1;Port={closedPort};Database=none;Username=none;Password=none;Timeout=3",
            ["Database:MigrateOnStartup"] = "false",
            ["Auth:BootstrapClientId"] = "",
        });
        using var client = factory.CreateClient();

        var ready = await client.GetAsync("/health/ready");
        var live = await client.GetAsync("/health/live");

        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        var body = await ready.ReadJsonAsync();
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("unhealthy"));
        Assert.That(await ready.Content.ReadAsStringAsync(), Does.Not.Contain("Exception").And.Not.Contain("Password"));
        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
