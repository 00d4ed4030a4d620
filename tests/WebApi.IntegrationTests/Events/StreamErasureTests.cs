using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.AgentsApi;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.EventsApi;

namespace EventAgents.WebApi.IntegrationTests.Events;

/// <summary>
/// Erasure (GDPR art. 17): after <c>?mode=erase</c> no endpoint returns the payload and no table holds it — checked by
/// searching the whole database for a marker — while positions stay as <c>$erased</c> tombstones and the stream refuses writes with 410.
/// </summary>
public sealed class StreamErasureTests : ApiTest
{
    [Test]
    public async Task Erasing_a_stream_removes_its_payloads_and_every_copy_and_it_can_never_be_written_again()
    {
        var marker = "marker-" + Guid.NewGuid().ToString("N");
        var partner = await Auth.CreatePartnerAsync([.. AllAgentScopes, "webhooks:manage", "tenant:export"]);
        using var http = await Auth.ClientWithTokenAsync(partner.ClientId, partner.ClientSecret);
        await using var receiver = await WebhookReceiver.StartAsync();
        var subscribed = await (await http.PostAsJsonAsync("/api/v1/webhooks", new { url = receiver.Url.ToString(), eventTypes = new[] { "order.placed" } })).ReadJsonAsync();
        var webhookId = subscribed.GetProperty("webhook").GetProperty("id").GetGuid();
        var agentId = await http.CreateTriggeredAgentAsync("order.placed", "order-");
        await http.AppendOkAsync("other-0", Event("order.placed"));
        await receiver.WaitForAsync(1);
        (await http.PatchAsJsonAsync($"/api/v1/webhooks/{webhookId}", new { enabled = false })).EnsureSuccessStatusCode();

        await http.AppendOkAsync("order-1", Event("order.placed", new { customer = marker }, metadata: new { note = marker }), Event("order.paid", new { marker }));
        var run = await http.WaitForRunAsync((await http.RunsOfAsync(agentId, expected: 1))[0].GetProperty("id").GetGuid());
        Assert.That(run.ToString(), Does.Contain(marker), "the triggered run copied the payload (echo answers with it)");
        Assert.That((await http.ReadAllAsync()).Select(e => e.ToString()), Has.Some.Contains(marker), "and the log is cached with it");
        var exportBefore = await ExportAsync(http, partner.TenantId);
        Assert.That(await ExportContentAsync(http, partner.TenantId, exportBefore), Does.Contain(marker), "an export copied it too");

        var erased = await http.DeleteAsync("/api/v1/streams/order-1?mode=erase");
        var again = await http.DeleteAsync("/api/v1/streams/order-1?mode=erase");

        Assert.That(erased.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), "idempotent");
        await (await http.GetAsync("/api/v1/streams/order-1")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await http.GetAsync("/api/v1/streams/order-1/events")).AssertProblemAsync(HttpStatusCode.NotFound);
        var write = await http.AppendAsync("order-1", new { events = new[] { Event("order.placed") } });
        var gone = await write.AssertProblemAsync(HttpStatusCode.Gone);
        Assert.That(gone.GetProperty("type").GetString(), Does.EndWith("stream-erased"));
        Assert.That((await http.DeleteAsync("/api/v1/streams/order-1")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent), "a soft delete of it is a no-op");

        var log = await http.ReadAllAsync();
        var tombstones = log.Where(e => e.GetProperty("streamId").GetString() == "order-1").ToList();
        Assert.That(tombstones.Select(e => e.GetProperty("type").GetString()), Is.EqualTo(new[] { "$erased", "$erased" }));
        Assert.That(tombstones.Select(e => e.GetProperty("data").ValueKind), Is.All.EqualTo(JsonValueKind.Null));
        var positions = log.Select(e => e.GetProperty("position").GetInt64()).ToList();
        Assert.That(positions, Is.EqualTo(Enumerable.Range(1, positions.Count).Select(p => (long)p)), "the global log keeps every position");
        Assert.That(log.Select(e => e.ToString()), Has.None.Contains(marker));
        var meta = await (await http.GetAsync("/api/v1/streams/meta:order-1/events")).ReadJsonAsync();
        Assert.That(meta.GetProperty("items")[0].GetProperty("type").GetString(), Is.EqualTo("eventagents.stream.erased"));

        var scrubbed = await http.GetRunAsync(run.GetProperty("id").GetGuid());
        Assert.That(scrubbed.ToString(), Does.Not.Contain(marker));
        Assert.That(scrubbed.GetProperty("input").GetProperty("type").GetString(), Is.EqualTo("$erased"));
        Assert.That((await http.RunEventsAsync(run.GetProperty("id").GetGuid())).Select(e => e.ToString()), Has.None.Contains(marker));
        Assert.That((await http.RunStepsAsync(run.GetProperty("id").GetGuid())).ToString(), Does.Not.Contain(marker));

        (await http.PatchAsJsonAsync($"/api/v1/webhooks/{webhookId}", new { enabled = true })).EnsureSuccessStatusCode();
        await http.AppendOkAsync("other-2", Event("order.placed"));
        var delivered = await receiver.WaitForAsync(2);
        Assert.That(delivered.Select(d => d.Json.GetProperty("data").GetProperty("streamId").GetString()), Is.EqualTo(new[] { "other-0", "other-2" }), "the webhook skipped the erased event");

        var (_, live) = await SseReader.OpenAsync(http, "/api/v1/events/live?after=0");
        using var __ = live;
        var seenLive = new List<SseEvent>();
        while (seenLive.Count == 0 || seenLive[^1].Data.GetProperty("streamId").GetString() != "other-2")
        {
            seenLive.Add(await live.NextEventAsync(TimeSpan.FromSeconds(5)));
        }

        Assert.That(seenLive.Where(e => e.Data.GetProperty("streamId").GetString() == "order-1").Select(e => e.Data.GetProperty("type").GetString()),
            Is.EqualTo(new[] { "$erased", "$erased" }), "live catch-up shows the tombstones");
        Assert.That(seenLive.Select(e => e.Data.ToString()), Has.None.Contains(marker));
        var withdrawn = await (await http.GetAsync($"/api/v1/tenants/{partner.TenantId}/exports/{exportBefore}")).ReadJsonAsync();
        Assert.That(withdrawn.GetProperty("status").GetString(), Is.EqualTo("expired"), "the earlier export is withdrawn");
        await (await http.GetAsync($"/api/v1/tenants/{partner.TenantId}/exports/{exportBefore}/content")).AssertProblemAsync(HttpStatusCode.Conflict);
        var exportAfter = await ExportAsync(http, partner.TenantId);
        Assert.That(await ExportContentAsync(http, partner.TenantId, exportAfter), Does.Not.Contain(marker));
        Assert.That(await Storage.TablesContainingAsync(marker), Is.Empty, "no table holds the payload any more");
    }

    [Test]
    public async Task Erasing_a_document_removes_it_and_its_history_and_its_id_answers_410()
    {
        var marker = "marker-" + Guid.NewGuid().ToString("N");
        using var http = await Auth.PartnerClientAsync("documents:read", "documents:write", "events:read");
        await http.PutOkAsync("customers", "c-1", new { email = marker });
        await http.PutOkAsync("customers", "c-1", new { email = marker, name = "Ada" });
        await http.PutOkAsync("customers", "c-2", new { email = "kept" });
        Assert.That((await http.GetAsync(DocumentsApi.Url("customers", "c-1"))).StatusCode, Is.EqualTo(HttpStatusCode.OK), "cached");

        var erased = await http.DeleteAsync(DocumentsApi.Url("customers", "c-1") + "?mode=erase");

        Assert.That(erased.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await (await http.GetAsync(DocumentsApi.Url("customers", "c-1"))).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await http.GetAsync(DocumentsApi.Url("customers", "c-1") + "/history")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await http.GetAsync(DocumentsApi.Url("customers", "c-1") + "?version=1")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await http.PutAsync("customers", "c-1", new { email = "new" })).AssertProblemAsync(HttpStatusCode.Gone);
        var list = await (await http.GetAsync("/api/v1/collections/customers/documents")).ReadJsonAsync();
        Assert.That(list.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetString()), Is.EqualTo(new[] { "c-2" }));
        Assert.That((await http.ReadAllAsync()).Select(e => e.ToString()), Has.None.Contains(marker));
        Assert.That(await Storage.TablesContainingAsync(marker), Is.Empty);
        await (await http.DeleteAsync(DocumentsApi.Url("customers", "nope") + "?mode=erase")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Erasure_is_scoped_validated_and_isolated_between_tenants()
    {
        using var alice = await Auth.PartnerClientAsync("events:read", "events:write", "documents:read", "documents:write");
        using var bob = await Auth.PartnerClientAsync("events:read", "events:write", "documents:read", "documents:write");
        using var reader = await Auth.PartnerClientAsync("events:read", "documents:read");
        await alice.AppendOkAsync("order-9", Event("order.placed"));
        await alice.PutOkAsync("orders", "o-9", new { n = 1 });

        await (await alice.DeleteAsync("/api/v1/streams/order-9?mode=shred")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await bob.DeleteAsync("/api/v1/streams/order-9?mode=erase")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await bob.DeleteAsync(DocumentsApi.Url("orders", "o-9") + "?mode=erase")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await reader.DeleteAsync("/api/v1/streams/order-9?mode=erase")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await reader.DeleteAsync(DocumentsApi.Url("orders", "o-9") + "?mode=erase")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await alice.DeleteAsync("/api/v1/streams/doc:orders:o-9?mode=erase")).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.That((await alice.AppendOkAsync("order-9", Event("order.paid"))).GetProperty("fromVersion").GetInt64(), Is.EqualTo(2), "untouched");
        Assert.That((await alice.GetAsync(DocumentsApi.Url("orders", "o-9"))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private static async Task<Guid> ExportAsync(HttpClient http, Guid tenantId)
    {
        var export = await (await http.PostAsync($"/api/v1/tenants/{tenantId}/exports", null)).ReadJsonAsync();
        var id = export.GetProperty("id").GetGuid();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (export.GetProperty("status").GetString() != "succeeded")
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), export.ToString());
            await Task.Delay(100);
            export = await (await http.GetAsync($"/api/v1/tenants/{tenantId}/exports/{id}")).ReadJsonAsync();
        }

        return id;
    }

    private static async Task<string> ExportContentAsync(HttpClient http, Guid tenantId, Guid exportId) =>
        await (await http.GetAsync($"/api/v1/tenants/{tenantId}/exports/{exportId}/content")).Content.ReadAsStringAsync();
}
