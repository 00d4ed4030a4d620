using System.Net;
using System.Text.Json;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.EventsApi;

namespace EventAgents.WebApi.IntegrationTests.Security;

/// <summary>
/// Issue #15, item 4: no read makes the service hold much more than one page's worth of bytes — time travel reads one
/// version, not all before it, and every page (events, history, document lists) ends at its byte budget as well as its
/// count, with its continuation.
/// </summary>
[NonParallelizable]
public sealed class MemoryAmplificationTests : ApiTest
{
    private const int PageBytes = 256 * 1024;
    private static readonly string Filler = new('x', 100 * 1024);

    [Test]
    public async Task Time_travel_to_a_late_version_reads_that_version_not_every_one_before_it()
    {
        using var http = await Auth.PartnerClientAsync("documents:read", "documents:write");
        await http.PutOkAsync("orders", "big", new { n = 0, filler = Filler });
        for (var n = 1; n < 60; n++)
        {
            await http.PatchAsync(DocumentsApi.Url("orders", "big"), new StringContent($"{{\"n\":{n}}}", System.Text.Encoding.UTF8, "application/merge-patch+json"));
        }

        await http.GetAsync(DocumentsApi.Url("orders", "big") + "?version=2"); // warm the path
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var response = await http.GetAsync(DocumentsApi.Url("orders", "big") + "?version=60");
        var body = await response.ReadJsonAsync();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.GetProperty("data").GetProperty("n").GetInt32(), Is.EqualTo(59));
        Assert.That(body.GetProperty("version").GetInt64(), Is.EqualTo(60));
        Assert.That(allocated, Is.LessThan(8 * 1024 * 1024), "folding 60 versions of 100 KB allocated ~25 MB and more");
    }

    [Test]
    public async Task Pages_of_the_global_log_streams_and_history_end_at_their_byte_budget_and_still_reach_every_item()
    {
        await using var factory = new ApiFactory(settings: new Dictionary<string, string?> { ["Paging:MaxPageBytes"] = PageBytes.ToString() });
        using var http = await new TestAuth(factory).PartnerClientAsync("events:read", "events:write", "documents:read", "documents:write");
        for (var i = 0; i < 8; i++)
        {
            await http.AppendOkAsync("big-1", Event("chunk", new { i, filler = Filler }));
            await http.PutOkAsync("files", "f", new { i, filler = Filler });
            await http.PutOkAsync("many", $"d-{i}", new { i, filler = Filler });
        }

        var log = await (await http.GetAsync("/api/v1/events?limit=1000")).ReadJsonAsync();
        var stream = await (await http.GetAsync("/api/v1/streams/big-1/events?limit=1000")).ReadJsonAsync();
        var history = await (await http.GetAsync(DocumentsApi.Url("files", "f") + "/history?limit=100")).ReadJsonAsync();
        var documents = await (await http.GetAsync("/api/v1/collections/many/documents?limit=100")).ReadJsonAsync();

        Assert.Multiple(() =>
        {
            Assert.That(log.GetProperty("items").GetArrayLength(), Is.InRange(1, 4), "about 256 KB of 100 KB events");
            Assert.That((log.GetProperty("nextCursor").ValueKind == System.Text.Json.JsonValueKind.String), Is.True);
            Assert.That(stream.GetProperty("items").GetArrayLength(), Is.InRange(1, 4));
            Assert.That(stream.GetProperty("nextCursor").GetString(), Is.Not.Null);
            Assert.That(history.GetProperty("items").GetArrayLength(), Is.InRange(1, 4));
            Assert.That(history.GetProperty("nextCursor").GetString(), Is.Not.Null);
            Assert.That(documents.GetProperty("items").GetArrayLength(), Is.InRange(1, 4));
            Assert.That(documents.GetProperty("nextCursor").GetString(), Is.Not.Null);
        });
        Assert.That((await http.ReadAllAsync()).Count, Is.EqualTo(24), "paging by lastPosition reaches every event");
        Assert.That(await FollowNextAsync(http, "/api/v1/streams/big-1/events?limit=1000"), Is.EqualTo(Enumerable.Range(1, 8).Select(v => (long)v)));
    }

    private static async Task<List<long>> FollowNextAsync(HttpClient http, string url)
    {
        var versions = new List<long>();
        for (string? next = url; next is not null && versions.Count < 100;)
        {
            var page = await (await http.GetAsync(next)).ReadJsonAsync();
            versions.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("version").GetInt64()));
            next = page.GetProperty("nextCursor").ValueKind == JsonValueKind.String ? $"{url}&cursor={page.GetProperty("nextCursor").GetString()}" : null;
        }

        return versions;
    }
}
