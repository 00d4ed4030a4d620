using System.Net;
using System.Net.Http.Json;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.EventsApi;

namespace EventAgents.WebApi.IntegrationTests.Events;

/// <summary>
/// Stream retention (maxAge, maxCount, truncateBefore) enforced on read at once, and the scavenger removing what it hides
/// (and what soft deletes hide) from storage: in bounded batches, resumable, shared by several instances.
/// </summary>
public sealed class StreamRetentionTests : ApiTest
{
    private static Dictionary<string, string?> Scavenging(int batchSize, int streamsPerTick = 100) => new()
    {
        ["Scavenger:IntervalSeconds"] = "0.2",
        ["Scavenger:BatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Scavenger:StreamsPerTick"] = streamsPerTick.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Test]
    public async Task Max_count_and_truncate_before_hide_events_at_once_even_from_a_cached_page_and_truncation_only_moves_forward()
    {
        using var client = await Auth.PartnerClientAsync("events:read", "events:write");
        await client.AppendOkAsync("order-1", Event("a"), Event("b"), Event("c"), Event("d"), Event("e"));
        Assert.That(await VersionsAsync(client, "order-1"), Is.EqualTo(new[] { 1L, 2, 3, 4, 5 }), "read (and cached) before");

        var set = await client.PutAsJsonAsync("/api/v1/streams/order-1/metadata", new { maxCount = 2 });
        var body = await set.ReadJsonAsync();
        Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.GetProperty("maxCount").GetInt64(), Is.EqualTo(2));
        Assert.That(await VersionsAsync(client, "order-1"), Is.EqualTo(new[] { 4L, 5 }));
        Assert.That(await VersionsAsync(client, "order-1", "?direction=backward"), Is.EqualTo(new[] { 5L, 4 }));

        await client.PutAsJsonAsync("/api/v1/streams/order-1/metadata", new { truncateBefore = 5 });
        Assert.That(await VersionsAsync(client, "order-1"), Is.EqualTo(new[] { 5L }), "maxCount was replaced by the body; truncation applies");
        var lowered = await (await client.PutAsJsonAsync("/api/v1/streams/order-1/metadata", new { truncateBefore = 1 })).ReadJsonAsync();
        Assert.That(lowered.GetProperty("truncateBefore").GetInt64(), Is.EqualTo(5), "truncation only moves forward");
        var read = await (await client.GetAsync("/api/v1/streams/order-1/metadata")).ReadJsonAsync();
        Assert.That(read.GetProperty("truncateBefore").GetInt64(), Is.EqualTo(5));
        Assert.That(read.GetProperty("maxAge").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));

        var meta = await (await client.GetAsync("/api/v1/streams/meta:order-1/events")).ReadJsonAsync();
        Assert.That(meta.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString()),
            Is.EqualTo(Enumerable.Repeat("eventagents.stream.metadata-set", 3)));
        Assert.That(await Storage.EventRowsAsync("order-1"), Is.EqualTo(5), "hidden, not removed: the scavenger is off here");
    }

    [Test]
    public async Task Max_age_hides_events_once_they_are_older_even_from_a_cached_page()
    {
        using var client = await Auth.PartnerClientAsync("events:read", "events:write");
        await client.AppendOkAsync("sensor-1", Event("reading"), Event("reading"));
        (await client.PutAsJsonAsync("/api/v1/streams/sensor-1/metadata", new { maxAge = 1 })).EnsureSuccessStatusCode();
        Assert.That(await VersionsAsync(client, "sensor-1"), Is.EqualTo(new[] { 1L, 2 }), "young enough, and now cached");

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await client.AppendOkAsync("sensor-1", Event("reading"));

        Assert.That(await VersionsAsync(client, "sensor-1"), Is.EqualTo(new[] { 3L }));
        Assert.That(await VersionsAsync(client, "sensor-1", "?direction=backward"), Is.EqualTo(new[] { 3L }));
    }

    [Test]
    public async Task Retention_metadata_is_validated_scoped_and_isolated()
    {
        using var alice = await Auth.PartnerClientAsync("events:read", "events:write");
        using var bob = await Auth.PartnerClientAsync("events:read", "events:write");
        using var reader = await Auth.PartnerClientAsync("events:read");
        await alice.AppendOkAsync("order-2", Event());

        await (await alice.PutAsJsonAsync("/api/v1/streams/order-2/metadata", new { maxAge = 0 })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await alice.PutAsJsonAsync("/api/v1/streams/order-2/metadata", new { maxCount = 0 })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await alice.PutAsJsonAsync("/api/v1/streams/order-2/metadata", new { truncateBefore = -1 })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await alice.PutAsJsonAsync("/api/v1/streams/meta:order-2/metadata", new { maxCount = 1 })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await alice.PutAsJsonAsync("/api/v1/streams/nope/metadata", new { maxCount = 1 })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await bob.PutAsJsonAsync("/api/v1/streams/order-2/metadata", new { maxCount = 1 })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await bob.GetAsync("/api/v1/streams/order-2/metadata")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await reader.PutAsJsonAsync("/api/v1/streams/order-2/metadata", new { maxCount = 1 })).AssertProblemAsync(HttpStatusCode.Forbidden);
        var unchanged = await (await alice.GetAsync("/api/v1/streams/order-2/metadata")).ReadJsonAsync();
        Assert.That(unchanged.GetProperty("maxCount").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null), "nothing half-written");
    }

    [Test]
    public async Task The_scavenger_removes_what_retention_and_soft_deletes_hide_and_nothing_else()
    {
        await using var host = new ApiFactory(settings: Scavenging(batchSize: 2));
        using var client = await new TestAuth(host).PartnerClientAsync("events:read", "events:write");
        await client.AppendOkAsync("keep-3", Enumerable.Range(0, 9).Select(_ => Event("tick")).ToArray());
        await client.AppendOkAsync("deleted", Event("a"), Event("b"));
        await client.AppendOkAsync("untouched", Event("a"), Event("b"));
        await client.AppendOkAsync("aged", Event("a"), Event("b"));
        // Read (and cached) before any retention exists, so the scavenger cannot have run yet.
        Assert.That((await client.ReadAllAsync()).Count(e => e.GetProperty("streamId").GetString() == "keep-3"), Is.EqualTo(9),
            "the global log, cached in blocks");
        (await client.PutAsJsonAsync("/api/v1/streams/keep-3/metadata", new { maxCount = 3 })).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync("/api/v1/streams/aged/metadata", new { maxAge = 1 })).EnsureSuccessStatusCode();
        (await client.DeleteAsync("/api/v1/streams/deleted")).EnsureSuccessStatusCode();

        await WaitUntilAsync(async () => await Storage.EventRowsAsync("keep-3") == 3 && await Storage.EventRowsAsync("deleted") == 0
            && await Storage.EventRowsAsync("aged") == 0);

        Assert.That(await Storage.EventRowsAsync("untouched"), Is.EqualTo(2));
        Assert.That(await Storage.EventRowsAsync("meta:deleted"), Is.EqualTo(1), "the record of the delete stays");
        Assert.That(await VersionsAsync(client, "keep-3"), Is.EqualTo(new[] { 7L, 8, 9 }));
        var log = await client.ReadAllAsync();
        Assert.That(log.Select(e => (e.GetProperty("streamId").GetString(), e.GetProperty("version").GetInt64())).Where(e => e.Item1 is "keep-3" or "deleted" or "aged"),
            Is.EqualTo(new[] { ("keep-3", 7L), ("keep-3", 8L), ("keep-3", 9L) }), "the cached log blocks were dropped with the removed events");
        await client.AppendOkAsync("keep-3", Event("tick"));
        await WaitUntilAsync(async () => await Storage.EventRowsAsync("keep-3") == 3);
    }

    [Test]
    public async Task Scavenging_resumes_on_another_instance_and_two_instances_share_it_without_losing_other_streams()
    {
        using var client = await Auth.PartnerClientAsync("events:read", "events:write");
        for (var i = 0; i < 6; i++)
        {
            await client.AppendOkAsync($"trim-{i}", Enumerable.Range(0, 6).Select(_ => Event("tick")).ToArray());
            (await client.PutAsJsonAsync($"/api/v1/streams/trim-{i}/metadata", new { maxCount = 1 })).EnsureSuccessStatusCode();
        }

        await using (var first = new ApiFactory(settings: Scavenging(batchSize: 1, streamsPerTick: 1)))
        {
            first.CreateClient();
            await WaitUntilAsync(async () => await Storage.ScalarAsync("SELECT count(*) FROM es_events WHERE stream_id LIKE 'trim-%'") < 36);
        }

        var left = await Storage.ScalarAsync("SELECT count(*) FROM es_events WHERE stream_id LIKE 'trim-%'");
        Assert.That(left, Is.GreaterThan(6), "stopped part-way (each batch removes one event)");

        await using var second = new ApiFactory(settings: Scavenging(batchSize: 1, streamsPerTick: 2));
        await using var third = new ApiFactory(settings: Scavenging(batchSize: 1, streamsPerTick: 2));
        second.CreateClient();
        third.CreateClient();
        var appending = Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                await client.AppendOkAsync("busy", Event("tick"));
            }
        });
        await WaitUntilAsync(async () => await Storage.ScalarAsync("SELECT count(*) FROM es_events WHERE stream_id LIKE 'trim-%'") == 6);
        await appending;

        for (var i = 0; i < 6; i++)
        {
            Assert.That(await VersionsAsync(client, $"trim-{i}"), Is.EqualTo(new[] { 6L }));
        }

        Assert.That(await VersionsAsync(client, "busy"), Has.Count.EqualTo(20), "appends during scavenging are all kept");
        Assert.That(await Storage.ScalarAsync("SELECT count(*) FROM es_events WHERE stream_id = 'busy'"), Is.EqualTo(20));
    }

    private static async Task<List<long>> VersionsAsync(HttpClient client, string streamId, string query = "")
    {
        var page = await (await client.GetAsync($"/api/v1/streams/{streamId}/events{query}")).ReadJsonAsync();
        return page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("version").GetInt64()).ToList();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, double seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "timed out waiting for the scavenger");
            await Task.Delay(100);
        }
    }
}
