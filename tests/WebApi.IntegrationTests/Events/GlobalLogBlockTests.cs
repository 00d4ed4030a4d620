using System.Net;
using System.Text.Json;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.EventsApi;

namespace EventAgents.WebApi.IntegrationTests.Events;

/// <summary>
/// Pages of the global log below its head come from cached blocks of positions (256 per block), the rest from the database;
/// these tests make logs longer than a block so that both paths, and the seam between them, are read.
/// </summary>
public sealed class GlobalLogBlockTests : ApiTest
{
    [Test]
    public async Task Every_page_from_any_position_is_what_the_database_holds_across_blocks_and_the_head()
    {
        using var http = await Auth.PartnerClientAsync("events:read", "events:write");
        await AppendManyAsync(http, "ledger", 700);
        var stored = await StoredPositionsAsync(http);
        Assert.That(stored, Has.Count.EqualTo(700));

        foreach (var after in new long[] { 0, 1, 100, 255, 256, 300, 511, 512, 600, 650, 699, 700, 750 })
        {
            foreach (var limit in new[] { 1, 100, 257, 1000 })
            {
                var page = await ReadPageAsync(http, $"after={after}&limit={limit}");
                var expected = stored.Where(p => p > after).Take(limit).ToList();
                Assert.That(page.Positions, Is.EqualTo(expected), $"after={after} limit={limit}");
                Assert.That(page.LastPosition, Is.EqualTo(expected.Count > 0 ? expected[^1] : Math.Max(after, 700)), $"after={after} limit={limit}");
                Assert.That(page.HasMore, Is.EqualTo(stored.Count(p => p > after) > limit), $"after={after} limit={limit}");
            }
        }

        // Read twice: the second read is served from the blocks the first one loaded, and is the same.
        var again = await ReadPageAsync(http, "after=200&limit=300");
        Assert.That(again.Positions, Is.EqualTo(stored.Where(p => p > 200).Take(300)));
    }

    [Test]
    public async Task Events_appended_after_a_read_appear_behind_the_cached_blocks()
    {
        using var http = await Auth.PartnerClientAsync("events:read", "events:write");
        await AppendManyAsync(http, "ledger", 300);
        Assert.That((await ReadPageAsync(http, "after=0&limit=1000")).Positions, Has.Count.EqualTo(300));

        await AppendManyAsync(http, "ledger", 300);
        var page = await ReadPageAsync(http, "after=0&limit=1000");
        Assert.That(page.Positions, Is.EqualTo(Enumerable.Range(1, 600).Select(p => (long)p)));
        Assert.That(page.Types.Skip(300), Has.All.EqualTo("ledger.posted"));
    }

    [Test]
    public async Task Cached_blocks_hide_the_system_streams_a_client_may_not_read_and_keep_tenants_apart()
    {
        using var writer = await Auth.PartnerClientAsync("events:read", "events:write", "documents:write");
        for (var i = 0; i < 6; i++)
        {
            await AppendManyAsync(writer, $"ledger-{i}", 60);
            await writer.PutOkAsync("notes", $"n-{i}", new { i });
        }

        using var other = await Auth.PartnerClientAsync("events:read", "events:write");
        await AppendManyAsync(other, "elsewhere", 400);

        var page = await ReadPageAsync(writer, "after=0&limit=1000");
        Assert.That(page.Positions, Has.Count.EqualTo(360), "the document events are hidden without documents:read");
        Assert.That(page.Streams, Has.All.StartsWith("ledger-"), "nothing of another tenant, no doc: stream");
        Assert.That(page.LastPosition, Is.EqualTo(366), "the cursor moves past the hidden events to the head");

        var theirs = await ReadPageAsync(other, "after=0&limit=1000");
        Assert.That(theirs.Streams, Has.All.EqualTo("elsewhere"));
        Assert.That(theirs.Positions, Is.EqualTo(Enumerable.Range(1, 400).Select(p => (long)p)));
    }

    [Test]
    public async Task A_page_from_cached_blocks_ends_at_the_byte_budget_and_continues_where_it_ended()
    {
        await using var factory = new ApiFactory(settings: new Dictionary<string, string?> { ["Paging:MaxPageBytes"] = "20000" });
        using var http = await new TestAuth(factory).PartnerClientAsync("events:read", "events:write");
        var padding = new string('x', 900);
        for (var batch = 0; batch < 6; batch++)
        {
            var events = Enumerable.Range(0, 50).Select(_ => Event("ledger.posted", new { padding })).ToArray();
            Assert.That((await http.AppendAsync("wide", new { events })).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var positions = new List<long>();
        long after = 0;
        var pages = 0;
        while (true)
        {
            var page = await ReadPageAsync(http, $"after={after}&limit=1000");
            pages++;
            positions.AddRange(page.Positions);
            Assert.That(page.Positions, Has.Count.LessThanOrEqualTo(23), "about 20 KB of ~900-byte payloads per page");
            after = page.LastPosition;
            if (!page.HasMore)
            {
                break;
            }
        }

        Assert.That(positions, Is.EqualTo(Enumerable.Range(1, 300).Select(p => (long)p)), "every event once, in order");
        Assert.That(pages, Is.GreaterThan(10));
    }

    private static async Task AppendManyAsync(HttpClient http, string streamId, int count)
    {
        for (var done = 0; done < count; done += 100)
        {
            var events = Enumerable.Range(0, Math.Min(100, count - done)).Select(i => Event("ledger.posted", new { n = done + i })).ToArray();
            Assert.That((await http.AppendAsync(streamId, new { events })).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }
    }

    /// <summary>The tenant's positions as PostgreSQL holds them (the tenant of the client's token).</summary>
    private static async Task<List<long>> StoredPositionsAsync(HttpClient http)
    {
        var anyEvent = (await ReadPageAsync(http, "after=0&limit=1")).EventIds[0];
        return await TestDatabase.ColumnAsync<long>(
            "SELECT position FROM es_events WHERE tenant_id = (SELECT tenant_id FROM es_events WHERE event_id = @id) ORDER BY position", ("id", anyEvent));
    }

    private static async Task<LogPage> ReadPageAsync(HttpClient http, string query)
    {
        var response = await http.GetAsync($"/api/v1/events?{query}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), query);
        var page = await response.ReadJsonAsync();
        var items = page.GetProperty("items").EnumerateArray().ToList();
        return new LogPage(
            items.Select(e => e.GetProperty("position").GetInt64()).ToList(),
            items.Select(e => e.GetProperty("eventId").GetGuid()).ToList(),
            items.Select(e => e.GetProperty("streamId").GetString()!).ToList(),
            items.Select(e => e.GetProperty("type").GetString()!).ToList(),
            page.GetProperty("lastPosition").GetInt64(),
            page.GetProperty("nextCursor").ValueKind == JsonValueKind.String);
    }

    private sealed record LogPage(List<long> Positions, List<Guid> EventIds, List<string> Streams, List<string> Types, long LastPosition, bool HasMore);
}
