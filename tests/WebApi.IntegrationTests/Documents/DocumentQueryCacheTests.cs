using System.Net;
using EventAgents.WebApi.IntegrationTests.Infrastructure;

namespace EventAgents.WebApi.IntegrationTests.Documents;

/// <summary>
/// Collection queries answered from the read cache: kept until a document of the collection is written (on this instance at
/// once; on another once its notification arrives), or, when nobody announces a change, until the entry's lifetime is over.
/// </summary>
public sealed class DocumentQueryCacheTests : ApiTest
{
    private static readonly TimeSpan NotificationRound = TimeSpan.FromSeconds(5);

    private static readonly Dictionary<string, string?> LongCache = new()
    {
        ["ReadCache:Seconds"] = "300",
        ["Events:LiveFallbackPollSeconds"] = "120",
    };

    [Test]
    public async Task A_query_is_kept_until_a_document_of_its_collection_is_written_on_this_instance()
    {
        await using var host = new ApiFactory(settings: LongCache);
        using var http = await new TestAuth(host).PartnerClientAsync("documents:read", "documents:write");
        await http.PutOkAsync("orders", "o-1", new { status = "open" });
        await http.PutOkAsync("orders", "o-2", new { status = "open" });
        await http.PutOkAsync("parcels", "p-1", new { status = "open" });
        Assert.That(await OpenOrdersAsync(http), Is.EqualTo(new[] { "o-1", "o-2" }));

        // Changed under the cache, as a lost notification would leave it: the kept answer stands...
        await TestDatabase.WriteDocumentUnannouncedAsync("orders", "o-2", 1, """{"status":"closed"}""");
        Assert.That(await OpenOrdersAsync(http), Is.EqualTo(new[] { "o-1", "o-2" }), "answered from the cache");

        // ...a write to another collection leaves it alone...
        await http.PutOkAsync("parcels", "p-2", new { status = "open" });
        Assert.That(await OpenOrdersAsync(http), Is.EqualTo(new[] { "o-1", "o-2" }), "other collections do not touch it");

        // ...and the next write to the collection makes the query read again, this write and the unannounced one included.
        await http.PutOkAsync("orders", "o-3", new { status = "open" });
        Assert.That(await OpenOrdersAsync(http), Is.EqualTo(new[] { "o-1", "o-3" }));
        await http.DeleteAsync(DocumentsApi.Url("orders", "o-1"));
        Assert.That(await OpenOrdersAsync(http), Is.EqualTo(new[] { "o-3" }), "a delete too");
    }

    [Test]
    public async Task A_document_written_on_another_instance_is_in_the_query_after_one_notification_round()
    {
        await using var writerHost = new ApiFactory(settings: LongCache);
        await using var readerHost = new ApiFactory(settings: LongCache);
        using var writer = await new TestAuth(writerHost).PartnerClientAsync("documents:read", "documents:write", "events:read");
        using var reader = readerHost.CreateClient();
        reader.DefaultRequestHeaders.Authorization = writer.DefaultRequestHeaders.Authorization;
        await writer.PutOkAsync("orders", "o-1", new { status = "open" });
        Assert.That(await OpenOrdersAsync(reader), Is.EqualTo(new[] { "o-1" }), "cached on the reading instance");

        var (_, live) = await SseReader.OpenAsync(reader, "/api/v1/events/live?streamPrefix=doc:orders:");
        using var __ = live;
        Assert.That((await live.NextEventAsync(NotificationRound)).Type, Is.EqualTo("document.created"));
        for (var i = 2; i <= 4; i++)
        {
            await writer.PutOkAsync("orders", $"o-{i}", new { status = "open" });
            var announced = await live.NextEventAsync(NotificationRound);
            Assert.That(announced.Data.GetProperty("streamId").GetString(), Is.EqualTo($"doc:orders:o-{i}"), "the write's notification arrived");
            Assert.That(await OpenOrdersAsync(reader), Is.EqualTo(Enumerable.Range(1, i).Select(n => $"o-{n}")));
        }
    }

    [Test]
    public async Task An_unannounced_change_is_in_the_query_once_the_entry_lifetime_is_over()
    {
        await using var host = new ApiFactory(settings: new Dictionary<string, string?> { ["ReadCache:Seconds"] = "2" });
        using var http = await new TestAuth(host).PartnerClientAsync("documents:read", "documents:write");
        await http.PutOkAsync("orders", "o-1", new { status = "open" });
        Assert.That(await OpenOrdersAsync(http), Is.EqualTo(new[] { "o-1" }));

        await TestDatabase.WriteDocumentUnannouncedAsync("orders", "o-1", 1, """{"status":"closed"}""");
        var started = DateTime.UtcNow;
        List<string> open;
        do
        {
            open = await OpenOrdersAsync(http);
            if (open.Count > 0)
            {
                await Task.Delay(100);
            }
        }
        while (open.Count > 0 && DateTime.UtcNow - started < TimeSpan.FromSeconds(6));

        Assert.That(open, Is.Empty, "converged within the 2 s lifetime (and some slack)");
    }

    private static async Task<List<string>> OpenOrdersAsync(HttpClient http)
    {
        var response = await http.GetAsync("/api/v1/collections/orders/documents?where[status]=open&limit=50");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetString()!).ToList();
    }
}
