using System.Net;
using System.Text.Json;
using EventAgents.Application.Events;
using EventAgents.Infrastructure.Events;
using EventAgents.Infrastructure.Events.Appending;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.EventsApi;

namespace EventAgents.WebApi.IntegrationTests.Events;

/// <summary>
/// One group of appends (es_append_group) must decide exactly what the same appends decide one by one: the same outcomes,
/// the same versions, the same stored streams, events and documents, and a gapless log.
/// </summary>
public sealed class GroupCommitTests : ApiTest
{
    private static readonly Guid Seeded1 = Guid.Parse("0190e6d6-0000-7000-8000-0000000000a1");
    private static readonly Guid Seeded2 = Guid.Parse("0190e6d6-0000-7000-8000-0000000000a2");
    private static readonly Guid InGroup = Guid.Parse("0190e6d6-0000-7000-8000-0000000000b1");

    private static GroupCommitAppender Appender => TestEnvironment.Api.Services.GetRequiredService<GroupCommitAppender>();

    [Test]
    public async Task A_mixed_group_has_the_outcomes_of_its_appends_executed_one_by_one()
    {
        var oneByOne = (await Auth.CreatePartnerAsync("events:read")).TenantId;
        var grouped = (await Auth.CreatePartnerAsync("events:read")).TenantId;
        foreach (var tenant in new[] { oneByOne, grouped })
        {
            foreach (var seed in Seed())
            {
                Assert.That((await Appender.WriteGroupAsync(tenant, [seed]))[0].Status, Is.EqualTo(AppendStatus.Appended));
            }
        }

        var group = MixedGroup();
        var expected = new List<AppendResult>();
        foreach (var append in group)
        {
            expected.Add((await Appender.WriteGroupAsync(oneByOne, [append]))[0]);
        }

        var actual = await Appender.WriteGroupAsync(grouped, group);

        Assert.That(expected.Select(r => r.Status), Is.EqualTo(new[]
        {
            AppendStatus.Appended, AppendStatus.WrongExpectedVersion, AppendStatus.Appended, AppendStatus.Replayed,
            AppendStatus.EventIdConflict, AppendStatus.Appended, AppendStatus.Appended, AppendStatus.WrongExpectedVersion,
            AppendStatus.Appended, AppendStatus.WrongExpectedVersion, AppendStatus.Replayed, AppendStatus.Appended, AppendStatus.Appended,
        }), "the one-by-one reference itself");
        for (var i = 0; i < group.Count; i++)
        {
            var (want, got) = (expected[i], actual[i]);
            Assert.Multiple(() =>
            {
                Assert.That(got.Status, Is.EqualTo(want.Status), $"append {i + 1}: status");
                Assert.That(got.CurrentVersion, Is.EqualTo(want.CurrentVersion), $"append {i + 1}: current version");
                Assert.That(got.Events.Select(e => (e.EventId, e.Version)), Is.EqualTo(want.Events.Select(e => (e.EventId, e.Version))), $"append {i + 1}: events");
                Assert.That(got.Document?.DataUtf8, Is.EqualTo(want.Document?.DataUtf8), $"append {i + 1}: document");
            });
        }

        Assert.Multiple(() =>
        {
            Assert.That(actual[1].CurrentVersion, Is.EqualTo(3), "a conflict reports the stream's real version");
            Assert.That(actual[7].CurrentVersion, Is.EqualTo(2), "a document conflict reports the document stream's real version");
            Assert.That(actual[3].Events.Select(e => e.Position), Is.EqualTo(new[] { 1L, 2L }), "a replay returns the stored positions");
            Assert.That(actual[10].Events.Select(e => e.Position), Is.EqualTo(actual[2].Events.Select(e => e.Position)), "a replay within the group");
        });

        Assert.That(await StoredStateAsync(grouped), Is.EqualTo(await StoredStateAsync(oneByOne)));
        foreach (var tenant in new[] { oneByOne, grouped })
        {
            var positions = await TestDatabase.ColumnAsync<long>(
                "SELECT position FROM es_events WHERE tenant_id = @t ORDER BY position", ("t", tenant));
            var head = (await TestDatabase.ColumnAsync<long>("SELECT last_position FROM es_tenant_logs WHERE tenant_id = @t", ("t", tenant)))[0];
            Assert.That(positions, Is.EqualTo(Enumerable.Range(1, (int)head).Select(p => (long)p)), "the log is gapless");
        }

        Assert.That(
            await TestDatabase.ColumnAsync<string>("SELECT stream_id FROM es_streams WHERE tenant_id = @t AND stream_id = 's-4'", ("t", grouped)),
            Is.Empty, "a refused append creates no stream");
    }

    [Test]
    public async Task Concurrent_mixed_writes_keep_every_promise()
    {
        var partner = await Auth.CreatePartnerAsync("events:read", "events:write", "documents:read", "documents:write");
        using var http = await Auth.ClientWithTokenAsync(partner.ClientId, partner.ClientSecret);
        var retried = new { events = new[] { new { eventId = Guid.CreateVersion7(), type = "order.placed", data = new { n = 1 } } } };

        var versioned = Enumerable.Range(0, 24).Select(i => http.AppendAsync($"v-{i % 3}", new { expectedVersion = 0, events = new[] { Event("order.placed") } }));
        var free = Enumerable.Range(0, 24).Select(i => http.AppendAsync($"f-{i % 4}", new { events = new[] { Event("order.placed"), Event("order.paid") } }));
        var replays = Enumerable.Range(0, 16).Select(_ => http.AppendAsync("retried", retried));
        var documents = Enumerable.Range(0, 16).Select(i => http.PutAsync("orders", $"o-{i % 2}", new { n = i }));
        var responses = await Task.WhenAll(versioned.Concat(free).Concat(replays).Concat(documents));

        var versionedStatuses = responses.Take(24).Select(r => r.StatusCode).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(versionedStatuses.Count(s => s == HttpStatusCode.Created), Is.EqualTo(3), "one winner per stream");
            Assert.That(versionedStatuses.Count(s => s == HttpStatusCode.Conflict), Is.EqualTo(21));
            Assert.That(responses.Skip(24).Take(24).Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.Created));
            Assert.That(responses.Skip(48).Take(16).Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.Created).Or.EqualTo(HttpStatusCode.OK));
            Assert.That(responses.Skip(64).Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.Created).Or.EqualTo(HttpStatusCode.OK));
        });

        var replayPositions = new HashSet<long>();
        foreach (var response in responses.Skip(48).Take(16))
        {
            replayPositions.Add((await response.ReadJsonAsync()).GetProperty("events")[0].GetProperty("position").GetInt64());
        }

        Assert.That(replayPositions, Has.Count.EqualTo(1), "every retry reports the one stored event");

        // Every 201 of an append names positions that hold exactly its events.
        foreach (var response in responses.Take(64).Where(r => r.StatusCode == HttpStatusCode.Created))
        {
            foreach (var @event in (await response.ReadJsonAsync()).GetProperty("events").EnumerateArray())
            {
                var stored = await TestDatabase.ColumnAsync<Guid>(
                    "SELECT event_id FROM es_events WHERE tenant_id = @t AND position = @p",
                    ("t", (object)partner.TenantId), ("p", @event.GetProperty("position").GetInt64()));
                Assert.That(stored, Is.EqualTo(new[] { @event.GetProperty("eventId").GetGuid() }));
            }
        }

        var positions = await TestDatabase.ColumnAsync<long>("SELECT position FROM es_events WHERE tenant_id = @t ORDER BY position", ("t", partner.TenantId));
        Assert.That(positions, Is.EqualTo(Enumerable.Range(1, positions.Count).Select(p => (long)p)), "the log is gapless");
        Assert.That(positions, Has.Count.EqualTo(3 + 48 + 1 + 16), "3 winners, 24 two-event appends, 1 retried event, 16 document events");

        foreach (var id in new[] { "o-0", "o-1" })
        {
            var document = await (await http.GetAsync($"/api/v1/collections/orders/documents/{id}")).ReadJsonAsync();
            Assert.That(document.GetProperty("version").GetInt64(), Is.EqualTo(8), $"{id}: eight writes, none lost");
        }
    }

    private static List<AppendRequest> Seed() =>
    [
        new("s-1", 0, [Evt(Seeded1, "order.placed", """{"n":1}"""), Evt(Seeded2, "order.paid", """{"n":2}""")]),
        new("doc:docs:d1", 0, [Evt(Guid.CreateVersion7(), "document.created", """{"data":{"v":1}}""")], new DocumentProjection("docs", "d1", """{"v":1}""")),
    ];

    private static List<AppendRequest> MixedGroup() =>
    [
        new("s-1", 2, [Evt(Guid.CreateVersion7(), "order.shipped", """{"n":3}""")]),
        new("s-1", 2, [Evt(Guid.CreateVersion7(), "order.shipped", """{"n":4}""")]),
        new("s-2", null, [Evt(InGroup, "order.placed", """{"n":5}""")]),
        new("s-1", null, [Evt(Seeded1, "order.placed", """{"n":1}"""), Evt(Seeded2, "order.paid", """{"n":2}""")]),
        new("s-3", null, [Evt(Seeded1, "order.placed", """{"n":"other"}""")]),
        new("doc:docs:d1", 1, [Evt(Guid.CreateVersion7(), "document.replaced", """{"data":{"v":2}}""")], new DocumentProjection("docs", "d1", """{"v":2}""")),
        new("doc:docs:d2", 0, [Evt(Guid.CreateVersion7(), "document.created", """{"data":{"w":1}}""")], new DocumentProjection("docs", "d2", """{"w":1}""")),
        new("doc:docs:d1", 1, [Evt(Guid.CreateVersion7(), "document.replaced", """{"data":{"v":3}}""")], new DocumentProjection("docs", "d1", """{"v":3}""")),
        new("doc:docs:d1", 2, [Evt(Guid.CreateVersion7(), "document.deleted", "{}")], new DocumentProjection("docs", "d1", null)),
        new("s-4", 5, [Evt(Guid.CreateVersion7(), "order.placed", "{}")]),
        new("s-2", null, [Evt(InGroup, "order.placed", """{"n":5}""")]),
        new("s-5", null, [Evt(Guid.CreateVersion7(), "a.b", "{}"), Evt(Guid.CreateVersion7(), "a.c", "{}"), Evt(Guid.CreateVersion7(), "a.d", "{}")]),
        new("s-3", null, [Evt(Guid.CreateVersion7(), "order.placed", "{}")]),
    ];

    private static EventToAppend Evt(Guid id, string type, string data) => new(id, type, data, "{}");

    /// <summary>Streams with their versions, events by stream and version, and documents: what a reader can observe.</summary>
    private static async Task<string> StoredStateAsync(Guid tenant)
    {
        var streams = await TestDatabase.ColumnAsync<string>(
            "SELECT stream_id || '@' || version FROM es_streams WHERE tenant_id = @t ORDER BY stream_id", ("t", tenant));
        var events = await TestDatabase.ColumnAsync<string>(
            "SELECT stream_id || '/' || version || ' ' || event_type || ' ' || data::text || ' ' || " +
            "CASE WHEN event_id IN (@a, @b, @c) THEN event_id::text ELSE '' END FROM es_events WHERE tenant_id = @t ORDER BY stream_id, version",
            ("t", tenant), ("a", Seeded1), ("b", Seeded2), ("c", InGroup));
        var documents = await TestDatabase.ColumnAsync<string>(
            "SELECT collection || '/' || id || '@' || version || ' ' || data::text FROM documents WHERE tenant_id = @t ORDER BY collection, id", ("t", tenant));
        return JsonSerializer.Serialize(new { streams, events, documents });
    }
}
