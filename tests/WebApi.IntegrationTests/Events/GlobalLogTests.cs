using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.EventsApi;

namespace EventAgents.WebApi.IntegrationTests.Events;

public sealed class GlobalLogTests : ApiTest
{
    [Test]
    public async Task A_poller_sees_every_acknowledged_event_exactly_once_in_order_under_concurrent_writers()
    {
        using var http = await Auth.PartnerClientAsync("events:read", "events:write");
        var acknowledged = new ConcurrentBag<Guid>();
        var writing = Stopwatch.StartNew();
        var duration = TimeSpan.FromSeconds(4);

        async Task WriterAsync(int writer)
        {
            var random = new Random(writer);
            while (writing.Elapsed < duration)
            {
                var events = Enumerable.Range(0, random.Next(1, 6)).Select(_ => new { eventId = Guid.CreateVersion7(), type = "load.tick", data = new { writer } }).ToArray();
                var response = await http.AppendAsync($"load-{random.Next(0, 12)}", new { events });
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    foreach (var e in events)
                    {
                        acknowledged.Add(e.eventId);
                    }
                }
            }
        }

        var seen = new List<(long Position, Guid EventId)>();
        long after = 0;
        async Task PollOnceAsync()
        {
            var page = await (await http.GetAsync($"/api/v1/events?after={after}&limit=50")).ReadJsonAsync();
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(e => (e.GetProperty("position").GetInt64(), e.GetProperty("eventId").GetGuid())));
            after = page.GetProperty("lastPosition").GetInt64();
        }

        var writers = Task.WhenAll(Enumerable.Range(0, 8).Select(WriterAsync));
        while (!writers.IsCompleted)
        {
            await PollOnceAsync();
        }

        await writers;
        for (var i = 0; i < 1000 && seen.Count < acknowledged.Count; i++)
        {
            await PollOnceAsync();
        }

        Assert.That(acknowledged, Has.Count.GreaterThan(100), "the writers produced real load");
        Assert.That(seen.Select(s => s.Position), Is.Ordered.Ascending.And.Unique, "strictly increasing positions");
        Assert.That(seen.Select(s => s.EventId), Is.Unique, "no event twice");
        Assert.That(seen.Select(s => s.EventId), Is.EquivalentTo(acknowledged), "every acknowledged event, nothing else");
    }

    [Test]
    public async Task Concurrent_appends_committed_together_keep_each_ones_outcome_and_leave_no_hole()
    {
        using var http = await Auth.PartnerClientAsync("events:read", "events:write");

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            http.AppendAsync($"group-{i}", new { expectedVersion = i % 4 == 0 ? 5 : 0, events = new[] { Event("g.one"), Event("g.two") } })));

        var failed = responses.Select((r, i) => (r, i)).Where(x => x.r.StatusCode == HttpStatusCode.Conflict).Select(x => x.i).ToList();
        Assert.That(failed, Is.EqualTo(Enumerable.Range(0, 40).Where(i => i % 4 == 0)), "exactly the appends with a wrong expected version failed");
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Created), Is.EqualTo(30));
        var log = await http.ReadAllAsync();
        Assert.That(log.Select(e => e.GetProperty("position").GetInt64()), Is.EqualTo(Enumerable.Range(1, 60).Select(p => (long)p)));
        Assert.That(log.Select(e => e.GetProperty("streamId").GetString()).Distinct().Count(), Is.EqualTo(30));
    }

    [Test]
    public async Task The_log_can_be_filtered_by_types_and_stream_prefix_and_the_cursor_moves_past_skipped_events()
    {
        using var http = await Auth.PartnerClientAsync("events:read", "events:write");
        await http.AppendOkAsync("order-1", Event("order.placed"), Event("order.paid"));
        await http.AppendOkAsync("cart-1", Event("cart.added"), Event("order.placed"));
        await http.AppendOkAsync("order-2", Event("order.cancelled"));

        var byType = await (await http.GetAsync("/api/v1/events?type=order.placed&type=order.cancelled")).ReadJsonAsync();
        var byPrefix = await (await http.GetAsync("/api/v1/events?streamPrefix=order-")).ReadJsonAsync();
        var nothing = await (await http.GetAsync("/api/v1/events?type=never.happens")).ReadJsonAsync();

        Assert.That(byType.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("position").GetInt64()), Is.EqualTo(new[] { 1L, 4, 5 }));
        Assert.That(byPrefix.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("streamId").GetString()), Is.EqualTo(new[] { "order-1", "order-1", "order-2" }));
        Assert.That(nothing.GetProperty("items").GetArrayLength(), Is.Zero);
        Assert.That(nothing.GetProperty("lastPosition").GetInt64(), Is.EqualTo(5), "a filtered reader still advances to the head");
        Assert.That((nothing.GetProperty("nextCursor").ValueKind == System.Text.Json.JsonValueKind.String), Is.False);
    }

    [Test]
    public async Task Pages_report_has_more_and_the_last_position()
    {
        using var http = await Auth.PartnerClientAsync("events:read", "events:write");
        await http.AppendOkAsync("s-1", Event(), Event(), Event());

        var first = await (await http.GetAsync("/api/v1/events?limit=2")).ReadJsonAsync();
        var rest = await (await http.GetAsync($"/api/v1/events?cursor={first.GetProperty("nextCursor").GetString()}&limit=2")).ReadJsonAsync();
        var same = await (await http.GetAsync($"/api/v1/events?after={first.GetProperty("lastPosition").GetInt64()}&limit=2")).ReadJsonAsync();
        Assert.That(first.GetProperty("nextCursor").GetString(), Is.EqualTo("2"), "the log's cursor is its position");
        Assert.That(same.GetProperty("items").GetRawText(), Is.EqualTo(rest.GetProperty("items").GetRawText()), "cursor and after are the same");

        Assert.That((first.GetProperty("nextCursor").ValueKind == System.Text.Json.JsonValueKind.String), Is.True);
        Assert.That(first.GetProperty("lastPosition").GetInt64(), Is.EqualTo(2));
        Assert.That(rest.GetProperty("items").GetArrayLength(), Is.EqualTo(1));
        Assert.That((rest.GetProperty("nextCursor").ValueKind == System.Text.Json.JsonValueKind.String), Is.False);
        Assert.That(rest.GetProperty("lastPosition").GetInt64(), Is.EqualTo(3));
    }

    [TestCase("after=-1", "after")]
    [TestCase("limit=1001", "limit")]
    [TestCase("type=bad%20type", "type[0]")]
    [TestCase("streamPrefix=bad%20prefix", "streamPrefix")]
    public async Task Bad_parameters_are_400(string query, string field)
    {
        using var http = await Auth.PartnerClientAsync("events:read");

        var problem = await (await http.GetAsync($"/api/v1/events?{query}")).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
    }
}
