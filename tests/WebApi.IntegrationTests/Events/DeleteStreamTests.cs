using System.Net;
using System.Text.Json;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.EventsApi;

namespace EventAgents.WebApi.IntegrationTests.Events;

/// <summary>
/// Soft delete, as KurrentDB does it: reads answer 404, the name is kept, a later append continues the version and only what
/// it appends is readable; recorded in meta:{streamId}.
/// </summary>
public sealed class DeleteStreamTests : ApiTest
{
    [Test]
    public async Task A_deleted_stream_reads_404_and_a_later_append_continues_its_version_showing_only_the_new_events()
    {
        using var client = await Auth.PartnerClientAsync("events:read", "events:write");
        await client.AppendOkAsync("order-1", Event("order.placed"), Event("order.paid"));
        Assert.That((await client.GetAsync("/api/v1/streams/order-1/events")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "cached before the delete");

        var deleted = await client.DeleteAsync("/api/v1/streams/order-1");
        var again = await client.DeleteAsync("/api/v1/streams/order-1");

        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), "idempotent");
        await (await client.GetAsync("/api/v1/streams/order-1")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync("/api/v1/streams/order-1/events")).AssertProblemAsync(HttpStatusCode.NotFound);
        var listed = await (await client.GetAsync("/api/v1/streams")).ReadJsonAsync();
        Assert.That(listed.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("streamId").GetString()), Has.None.EqualTo("order-1"));

        var stale = await client.AppendAsync("order-1", new { expectedVersion = 0, events = new[] { Event("order.placed") } });
        await stale.AssertProblemAsync(HttpStatusCode.Conflict);
        var appended = await client.AppendOkAsync("order-1", Event("order.reopened"));
        Assert.That(appended.GetProperty("fromVersion").GetInt64(), Is.EqualTo(3), "the version continues");

        var stream = await (await client.GetAsync("/api/v1/streams/order-1")).ReadJsonAsync();
        var events = await (await client.GetAsync("/api/v1/streams/order-1/events")).ReadJsonAsync();
        var backwards = await (await client.GetAsync("/api/v1/streams/order-1/events?direction=backward")).ReadJsonAsync();
        Assert.That(stream.GetProperty("version").GetInt64(), Is.EqualTo(3));
        Assert.That(events.GetProperty("items").EnumerateArray().Select(e => (e.GetProperty("version").GetInt64(), e.GetProperty("type").GetString())),
            Is.EqualTo(new[] { (3L, "order.reopened") }), "what was there before the delete stays hidden");
        Assert.That(backwards.GetProperty("items").GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task The_delete_is_recorded_in_the_meta_stream_and_the_events_stay_in_the_global_log()
    {
        using var client = await Auth.PartnerClientAsync("events:read", "events:write");
        await client.AppendOkAsync("order-2", Event("order.placed"));

        await client.DeleteAsync("/api/v1/streams/order-2");

        var meta = await (await client.GetAsync("/api/v1/streams/meta:order-2/events")).ReadJsonAsync();
        var recorded = meta.GetProperty("items").EnumerateArray().Single();
        Assert.That(recorded.GetProperty("type").GetString(), Is.EqualTo("eventagents.stream.deleted"));
        Assert.That(recorded.GetProperty("data").GetProperty("version").GetInt64(), Is.EqualTo(1));
        Assert.That((await client.ReadAllAsync()).Select(e => e.GetProperty("streamId").GetString()), Is.EqualTo(new[] { "order-2", "meta:order-2" }));
        var append = await client.AppendAsync("meta:order-2", new { events = new[] { Event("forged") } });
        await append.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Unknown_system_and_other_tenants_streams_cannot_be_deleted_and_it_takes_events_write()
    {
        using var alice = await Auth.PartnerClientAsync("events:read", "events:write", "documents:read", "documents:write");
        using var bob = await Auth.PartnerClientAsync("events:read", "events:write");
        using var reader = await Auth.PartnerClientAsync("events:read");
        await alice.AppendOkAsync("order-3", Event("order.placed"));
        await alice.PutOkAsync("orders", "o-1", new { n = 1 });

        await (await alice.DeleteAsync("/api/v1/streams/nope")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await alice.DeleteAsync("/api/v1/streams/doc:orders:o-1")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await bob.DeleteAsync("/api/v1/streams/order-3")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await reader.DeleteAsync("/api/v1/streams/order-3")).AssertProblemAsync(HttpStatusCode.Forbidden);
        var stream = await (await alice.GetAsync("/api/v1/streams/order-3")).ReadJsonAsync();
        Assert.That(stream.GetProperty("version").GetInt64(), Is.EqualTo(1), "untouched");
        Assert.That((await alice.GetAsync(DocumentsApi.Url("orders", "o-1"))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Concurrent_appends_and_a_delete_leave_a_consistent_stream()
    {
        using var client = await Auth.PartnerClientAsync("events:read", "events:write");
        await client.AppendOkAsync("busy", Event("tick"));

        var appends = Enumerable.Range(0, 20).Select(_ => client.AppendAsync("busy", new { events = new[] { Event("tick") } })).ToList();
        var delete = client.DeleteAsync("/api/v1/streams/busy");
        await Task.WhenAll(appends.Append(delete));

        Assert.That(appends.Select(a => a.Result.StatusCode), Has.All.EqualTo(HttpStatusCode.Created));
        Assert.That(delete.Result.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var deletedAt = (await (await client.GetAsync("/api/v1/streams/meta:busy/events")).ReadJsonAsync())
            .GetProperty("items")[0].GetProperty("data").GetProperty("version").GetInt64();
        var response = await client.GetAsync("/api/v1/streams/busy/events?limit=1000");
        if (deletedAt == 21)
        {
            await response.AssertProblemAsync(HttpStatusCode.NotFound);
            return;
        }

        var visible = (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("version").GetInt64()).ToList();
        Assert.That(visible, Is.EqualTo(Enumerable.Range((int)deletedAt + 1, 21 - (int)deletedAt).Select(v => (long)v)),
            "exactly the events appended after the delete, none lost, none from before");
    }
}
