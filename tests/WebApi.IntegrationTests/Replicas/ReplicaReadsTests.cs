using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.EventsApi;

namespace EventAgents.WebApi.IntegrationTests.Replicas;

/// <summary>
/// Reads from a real streaming replica (build/test.sh starts one, EVENTAGENTS_TEST_REPLICA) with read-your-writes: a read
/// carrying a write's X-Consistency-Token always sees that write, on the replica once it has replayed it, else on the primary;
/// a lagging or unreachable replica is skipped and /health/ready calls it degraded.
/// </summary>
[NonParallelizable]
public sealed class ReplicaReadsTests : ApiTest
{
    private const string Token = "X-Consistency-Token";

    private static string ReplicaConnectionString =>
        Environment.GetEnvironmentVariable("EVENTAGENTS_TEST_REPLICA") is { Length: > 0 } replica
            ? replica
            : throw new IgnoreException("No replica: build/test.sh starts one (EVENTAGENTS_TEST_REPLICA).");

    private static Dictionary<string, string?> WithReplica(string replica, int maxLagMs = 2000) => new()
    {
        ["ConnectionStrings:PostgresReplicas"] = replica,
        ["Database:MaxReplicaLagMilliseconds"] = maxLagMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ReadCache:Seconds"] = "300",
    };

    [Test]
    public async Task Reads_with_a_writes_token_see_that_write_from_the_replica_on_any_instance()
    {
        var replica = ReplicaConnectionString;
        await using var writerHost = new ApiFactory(settings: WithReplica(replica));
        await using var readerHost = new ApiFactory(settings: WithReplica(replica));
        var partner = await new TestAuth(writerHost).CreatePartnerAsync("events:read", "events:write", "documents:read", "documents:write");
        using var writer = await new TestAuth(writerHost).ClientWithTokenAsync(partner.ClientId, partner.ClientSecret);
        using var reader = readerHost.CreateClient();
        reader.DefaultRequestHeaders.Authorization = writer.DefaultRequestHeaders.Authorization;
        var router = readerHost.Services.GetRequiredService<EventAgents.Infrastructure.Persistence.Replicas.ReadRouter>();
        await WaitForReplicaAsync(readerHost);

        for (var version = 1; version <= 10; version++)
        {
            var put = await writer.PutAsJsonAsync(DocumentsApi.Url("orders", "o-1"), new { data = new { version } });
            var token = put.Headers.GetValues(Token).Single();
            var append = await writer.AppendAsync("order-1", new { events = new[] { Event("order.changed", new { version }) } });
            var appendToken = append.Headers.GetValues(Token).Single();

            var document = await SendAsync(reader, DocumentsApi.Url("orders", "o-1"), token);
            var events = await SendAsync(reader, "/api/v1/streams/order-1/events?direction=backward&limit=1", appendToken);
            Assert.That((await document.ReadJsonAsync()).GetProperty("version").GetInt64(), Is.EqualTo(version), "the document write is seen");
            Assert.That((await events.ReadJsonAsync()).GetProperty("items")[0].GetProperty("version").GetInt64(), Is.EqualTo(version), "the append is seen");
        }

        Assert.That(router.ServedByReplica, Is.GreaterThan(0), "the replica served reads");
        var beforeUntokened = router.ServedByReplica;
        Assert.That((await reader.GetAsync("/api/v1/streams")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(router.ServedByReplica, Is.GreaterThan(beforeUntokened), "a read without a token goes to a replica within the lag bound");
        var health = await (await reader.GetAsync("/health/ready")).ReadJsonAsync();
        Assert.That(Check(health, "replicas"), Is.EqualTo("healthy"));
    }

    [Test]
    public async Task A_replica_that_stops_replaying_is_skipped_reads_stay_current_and_health_says_degraded()
    {
        var replica = ReplicaConnectionString;
        await using var host = new ApiFactory(settings: WithReplica(replica, maxLagMs: 300));
        var partner = await new TestAuth(host).CreatePartnerAsync("documents:read", "documents:write");
        using var http = await new TestAuth(host).ClientWithTokenAsync(partner.ClientId, partner.ClientSecret);
        var router = host.Services.GetRequiredService<EventAgents.Infrastructure.Persistence.Replicas.ReadRouter>();
        await WaitForReplicaAsync(host);

        await SetReplayPausedAsync(replica, paused: true);
        try
        {
            var put = await http.PutAsJsonAsync(DocumentsApi.Url("orders", "o-2"), new { data = new { n = 1 } });
            var token = put.Headers.GetValues(Token).Single();
            var primaryBefore = router.ServedByPrimary;

            var read = await SendAsync(http, DocumentsApi.Url("orders", "o-2"), token);

            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK), "read-your-writes holds: the primary answered");
            Assert.That(router.ServedByPrimary, Is.GreaterThan(primaryBefore));

            await Task.Delay(1200);
            var byReplica = router.ServedByReplica;
            Assert.That((await http.GetAsync(DocumentsApi.Url("orders", "o-2") + "?version=1")).StatusCode, Is.EqualTo(HttpStatusCode.OK),
                "a lagging replica is skipped: the primary has the document the replica has not");
            Assert.That(router.ServedByReplica, Is.EqualTo(byReplica));
            var health = await host.CreateClient().GetAsync("/health/ready");
            Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(Check(await health.ReadJsonAsync(), "replicas"), Is.EqualTo("degraded"));
        }
        finally
        {
            await SetReplayPausedAsync(replica, paused: false);
        }

        await WaitForReplicaAsync(host);
    }

    [Test]
    public async Task An_unreachable_replica_costs_nothing_but_a_degraded_health_and_bad_tokens_are_400()
    {
        _ = ReplicaConnectionString;
        var unreachable = new NpgsqlConnectionStringBuilder(ApiFactory.ConnectionString) { Port = 1, Timeout = 1 }.ConnectionString;
        await using var host = new ApiFactory(settings: WithReplica(unreachable));
        var partner = await new TestAuth(host).CreatePartnerAsync("events:read", "events:write");
        using var http = await new TestAuth(host).ClientWithTokenAsync(partner.ClientId, partner.ClientSecret);

        var append = await http.AppendAsync("order-3", new { events = new[] { Event() } });
        Assert.That(append.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((await SendAsync(http, "/api/v1/streams/order-3/events", append.Headers.GetValues(Token).Single())).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var health = await http.GetAsync("/health/ready");
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Check(await health.ReadJsonAsync(), "replicas"), Is.EqualTo("degraded"));
        await (await SendAsync(http, "/api/v1/streams/order-3/events", "not-a-token")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string url, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(Token, token);
        return await http.SendAsync(request);
    }

    private static string? Check(JsonElement health, string name) =>
        health.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name).GetProperty("status").GetString();

    private static async Task WaitForReplicaAsync(ApiFactory host)
    {
        using var http = host.CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (Check(await (await http.GetAsync("/health/ready")).ReadJsonAsync(), "replicas") != "healthy")
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the replica did not join");
            await Task.Delay(100);
        }
    }

    private static async Task SetReplayPausedAsync(string replica, bool paused)
    {
        await using var connection = new NpgsqlConnection(replica);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(paused ? "SELECT pg_wal_replay_pause()" : "SELECT pg_wal_replay_resume()", connection);
        await command.ExecuteNonQueryAsync();
    }
}
