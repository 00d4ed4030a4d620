using System.Net;
using System.Net.Http.Json;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using Npgsql;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.EventsApi;

namespace EventAgents.WebApi.IntegrationTests.Documents;

/// <summary>
/// Reads served from an instance's cache against writes made on another instance: once the other instance's notification
/// has arrived (seen here as the write's event on this instance's live stream, which the same notification wakes), the
/// cache never answers with the older version; a change nobody announced is seen once the entry's lifetime is over.
/// </summary>
public sealed class ReadCacheAcrossInstancesTests : ApiTest
{
    private static readonly TimeSpan NotificationRound = TimeSpan.FromSeconds(5);

    /// <summary>Far longer than any test: only a notification can make these instances read again.</summary>
    private static readonly Dictionary<string, string?> LongCache = new()
    {
        ["ReadCache:Seconds"] = "300",
        ["Events:LiveFallbackPollSeconds"] = "120",
    };

    [Test]
    public async Task A_document_written_on_one_instance_is_current_on_another_after_one_notification_round()
    {
        await using var writerHost = new ApiFactory(settings: LongCache);
        await using var readerHost = new ApiFactory(settings: LongCache);
        using var writer = await new TestAuth(writerHost).PartnerClientAsync("documents:read", "documents:write", "events:read");
        using var reader = readerHost.CreateClient();
        reader.DefaultRequestHeaders.Authorization = writer.DefaultRequestHeaders.Authorization;
        await writer.PutOkAsync("orders", "shared", new { v = 1 });
        Assert.That(await VersionOnAsync(reader, "orders", "shared"), Is.EqualTo(1), "cached on the reading instance");

        var (_, live) = await SseReader.OpenAsync(reader, "/api/v1/events/live?streamPrefix=doc:orders:shared");
        using var __ = live;
        Assert.That((await live.NextEventAsync(NotificationRound)).Type, Is.EqualTo("document.created"));
        for (var version = 2; version <= 6; version++)
        {
            await writer.PutOkAsync("orders", "shared", new { v = version });
            var announced = await live.NextEventAsync(NotificationRound);
            Assert.That(announced.Data.GetProperty("version").GetInt64(), Is.EqualTo(version), "the write's notification reached the reading instance");

            var read = await reader.GetAsync(DocumentsApi.Url("orders", "shared"));
            var body = await read.ReadJsonAsync();
            Assert.That(read.Headers.ETag?.Tag, Is.EqualTo($"\"{version}\""));
            Assert.That(body.GetProperty("data").GetProperty("v").GetInt32(), Is.EqualTo(version));
        }

        await writer.DeleteAsync(DocumentsApi.Url("orders", "shared"));
        Assert.That((await live.NextEventAsync(NotificationRound)).Type, Is.EqualTo("document.deleted"));
        Assert.That((await reader.GetAsync(DocumentsApi.Url("orders", "shared"))).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task A_stream_appended_on_one_instance_is_current_on_another_after_one_notification_round()
    {
        await using var writerHost = new ApiFactory(settings: LongCache);
        await using var readerHost = new ApiFactory(settings: LongCache);
        using var writer = await new TestAuth(writerHost).PartnerClientAsync("events:read", "events:write");
        using var reader = readerHost.CreateClient();
        reader.DefaultRequestHeaders.Authorization = writer.DefaultRequestHeaders.Authorization;
        await writer.AppendOkAsync("orders-7", Event("order.placed"));
        Assert.That(await StreamVersionOnAsync(reader, "orders-7"), Is.EqualTo(1), "cached on the reading instance");

        var (_, live) = await SseReader.OpenAsync(reader, "/api/v1/events/live?streamPrefix=orders-7");
        using var __ = live;
        await live.NextEventAsync(NotificationRound);
        for (var version = 2; version <= 5; version++)
        {
            await writer.AppendOkAsync("orders-7", Event("order.changed"));
            Assert.That((await live.NextEventAsync(NotificationRound)).Data.GetProperty("version").GetInt64(), Is.EqualTo(version));

            Assert.That(await StreamVersionOnAsync(reader, "orders-7"), Is.EqualTo(version));
        }
    }

    [Test]
    public async Task An_unannounced_change_is_served_once_the_entry_lifetime_is_over()
    {
        await using var host = new ApiFactory(settings: new Dictionary<string, string?> { ["ReadCache:Seconds"] = "2" });
        using var http = await new TestAuth(host).PartnerClientAsync("documents:read", "documents:write");
        await http.PutOkAsync("orders", "quiet", new { v = 1 });
        Assert.That(await VersionOnAsync(http, "orders", "quiet"), Is.EqualTo(1));

        // A change the instance is not told about, as when a notification is lost: the row changes under the cache.
        await using (var connection = new NpgsqlConnection(ApiFactory.ConnectionString))
        {
            await connection.OpenAsync();
            await using var change = new NpgsqlCommand(
                "UPDATE documents SET version = 2, data = '{\"v\":2}' WHERE collection = 'orders' AND id = 'quiet'", connection);
            Assert.That(await change.ExecuteNonQueryAsync(), Is.EqualTo(1));
        }

        var started = DateTime.UtcNow;
        long seen;
        do
        {
            seen = await VersionOnAsync(http, "orders", "quiet");
            if (seen == 1)
            {
                await Task.Delay(100);
            }
        }
        while (seen == 1 && DateTime.UtcNow - started < TimeSpan.FromSeconds(6));

        Assert.That(seen, Is.EqualTo(2), "converged within the 2 s lifetime (and some slack)");
    }

    [Test]
    public async Task A_write_decided_on_a_stale_cached_state_is_decided_again_on_what_is_stored()
    {
        await using var host = new ApiFactory(settings: LongCache);
        using var http = await new TestAuth(host).PartnerClientAsync("documents:read", "documents:write");
        await http.PutOkAsync("orders", "stale", new { v = 1 });
        Assert.That(await VersionOnAsync(http, "orders", "stale"), Is.EqualTo(1), "cached at version 1");

        await TestDatabase.WriteDocumentUnannouncedAsync("orders", "stale", 1, """{"v":"elsewhere"}""");
        using var put = new HttpRequestMessage(HttpMethod.Put, DocumentsApi.Url("orders", "stale"))
        {
            Content = JsonContent.Create(new { data = new { v = 3 } }),
        };
        put.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"2\""));
        var replaced = await http.SendAsync(put);
        Assert.That(replaced.StatusCode, Is.EqualTo(HttpStatusCode.OK), "If-Match is judged on the stored version 2, not the cached 1");
        Assert.That(replaced.Headers.ETag?.Tag, Is.EqualTo("\"3\""));

        await TestDatabase.WriteDocumentUnannouncedAsync("orders", "stale", 3, """{"v":"again","kept":true}""");
        var patched = await http.PatchAsync("orders", "stale", """{"added":true}""");
        var body = await patched.ReadJsonAsync();
        Assert.That(patched.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.GetProperty("version").GetInt64(), Is.EqualTo(5));
        Assert.That(body.GetProperty("data").Compact(), Is.EqualTo("""{"v":"again","kept":true,"added":true}"""), "merged into the stored state");
    }

    private static async Task<long> VersionOnAsync(HttpClient http, string collection, string id)
    {
        var response = await http.GetAsync(DocumentsApi.Url(collection, id));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return (await response.ReadJsonAsync()).GetProperty("version").GetInt64();
    }

    private static async Task<long> StreamVersionOnAsync(HttpClient http, string streamId)
    {
        var response = await http.GetAsync($"/api/v1/streams/{streamId}/events");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var page = await response.ReadJsonAsync();
        Assert.That(page.GetProperty("items").GetArrayLength(), Is.EqualTo(page.GetProperty("version").GetInt64()), "the page is the whole stream");
        return page.GetProperty("version").GetInt64();
    }
}
