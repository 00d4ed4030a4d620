using System.Net;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.EventsApi;

namespace EventAgents.WebApi.IntegrationTests.Operations;

/// <summary>Overload and outages end in fast 503 problems with Retry-After, never hangs or 500s; metrics are scrapeable.</summary>
[NonParallelizable]
public sealed class DegradationTests : ApiTest
{
    [Test]
    public async Task Beyond_the_concurrency_limit_requests_get_a_fast_503_and_health_stays_up()
    {
        await using var factory = SlowController.OneSlotHost();
        using var admin = await TestAuth.AdminClientAsync(factory);
        using var anonymous = factory.CreateClient();

        var holding = admin.GetAsync("/test/slow");
        await SlowController.WaitForEntriesAsync(1);
        var shed = await admin.GetAsync("/api/v1/tenants");
        var health = await anonymous.GetAsync("/health/live");
        var ready = await anonymous.GetAsync("/health/ready");
        SlowController.Release.TrySetResult();
        var held = await holding;

        var problem = await shed.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.That(shed.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(problem.GetProperty("retryAfterSeconds").GetInt32(), Is.EqualTo(1));
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK), "health probes are never shed");
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), "health probes are never shed");
        Assert.That(held.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await admin.GetAsync("/api/v1/tenants")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "served again once the slot is free");
    }

    [Test]
    public async Task A_request_waits_for_a_slot_at_most_the_queue_time_limit_then_gets_a_503()
    {
        await using var factory = SlowController.OneSlotHost(new Dictionary<string, string?>
        {
            ["Overload:QueueLimit"] = "10",
            ["Overload:MaxQueueMilliseconds"] = "300",
        });
        using var admin = await TestAuth.AdminClientAsync(factory);

        var holding = admin.GetAsync("/test/slow");
        await SlowController.WaitForEntriesAsync(1);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var shed = await admin.GetAsync("/api/v1/tenants");
        var waited = clock.Elapsed;
        SlowController.Release.TrySetResult();
        await holding;

        await shed.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.That(waited, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(250)).And.LessThan(TimeSpan.FromSeconds(5)),
            "queued for about the limit, then shed rather than left waiting for the slow request");
    }

    [Test]
    public async Task An_unreachable_database_is_a_fast_503_problem_not_a_500_or_a_hang()
    {
        await using var factory = new ApiFactory(settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=2",
            ["Database:MigrateOnStartup"] = "false",
            ["Auth:BootstrapClientId"] = "",
            ["Agents:Workers"] = "0",
            ["Webhooks:Workers"] = "0",
        });
        using var client = factory.CreateClient();
        var started = DateTime.UtcNow;

        var response = await client.PostAsync("/api/v1/auth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "someone",
            ["client_secret"] = "secret",
        }));

        var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.That(DateTime.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(10)));
        Assert.That(response.Headers.RetryAfter, Is.Not.Null);
        Assert.That(problem.ToString(), Does.Not.Contain("Npgsql").And.Not.Contain("127.0.0.1").And.Not.Contain(" at "));
        var ready = await client.GetAsync("/health/ready");
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
    }

    [Test]
    public async Task Metrics_are_scraped_at_metrics_when_prometheus_is_on()
    {
        await using var factory = new ApiFactory(settings: new Dictionary<string, string?> { ["Metrics:Prometheus"] = "true" });
        using var http = await new TestAuth(factory).PartnerClientAsync("events:write");
        await http.AppendOkAsync("metered", Event("counted"));
        using var anonymous = factory.CreateClient();

        var scrape = await anonymous.GetStringAsync("/metrics");

        Assert.That(scrape, Does.Contain("eventagents_events_appended"));
        Assert.That(scrape, Does.Contain("http_server_request_duration_seconds"));
    }
}
