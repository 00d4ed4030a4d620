using System.Net;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.EventsApi;

namespace EventAgents.WebApi.IntegrationTests.Events;

/// <summary>A tenant can neither see, change nor detect another tenant's events.</summary>
public sealed class EventStoreIsolationTests : ApiTest
{
    [Test]
    public async Task Another_tenant_sees_nothing_of_a_tenants_streams_and_events()
    {
        using var alice = await Auth.PartnerClientAsync("events:read", "events:write");
        using var bob = await Auth.PartnerClientAsync("events:read", "events:write");
        await alice.AppendOkAsync("secret-orders", Event("order.placed", new { amount = 42 }));

        var stream = await bob.GetAsync("/api/v1/streams/secret-orders");
        var missing = await bob.GetAsync("/api/v1/streams/never-existed");
        var events = await bob.GetAsync("/api/v1/streams/secret-orders/events");
        var listed = await (await bob.GetAsync("/api/v1/streams")).ReadJsonAsync();
        var log = await bob.ReadAllAsync();

        var foreign = await stream.AssertProblemAsync(HttpStatusCode.NotFound);
        var absent = await missing.AssertProblemAsync(HttpStatusCode.NotFound);
        await events.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.That(foreign.GetProperty("title").GetString(), Is.EqualTo(absent.GetProperty("title").GetString()));
        Assert.That(listed.GetProperty("items").GetArrayLength(), Is.Zero);
        Assert.That(log, Is.Empty);
    }

    [Test]
    public async Task The_same_stream_id_in_two_tenants_is_two_streams_with_their_own_versions_and_positions()
    {
        using var alice = await Auth.PartnerClientAsync("events:read", "events:write");
        using var bob = await Auth.PartnerClientAsync("events:read", "events:write");
        await alice.AppendOkAsync("shared-name", Event(), Event(), Event());

        var bobs = await bob.AppendAsync("shared-name", new { expectedVersion = 0, events = new[] { Event("bob.only") } });

        Assert.That(bobs.StatusCode, Is.EqualTo(HttpStatusCode.Created), "Bob's stream does not exist yet, whatever Alice has");
        var body = await bobs.ReadJsonAsync();
        Assert.That(body.GetProperty("events")[0].GetProperty("position").GetInt64(), Is.EqualTo(1), "positions are per tenant: nothing leaks");
        Assert.That((await bob.ReadAllAsync()).Select(e => e.GetProperty("type").GetString()), Is.EqualTo(new[] { "bob.only" }));
        Assert.That(await alice.ReadAllAsync(), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task An_event_id_used_by_another_tenant_does_not_conflict()
    {
        using var alice = await Auth.PartnerClientAsync("events:read", "events:write");
        using var bob = await Auth.PartnerClientAsync("events:read", "events:write");
        var id = Guid.CreateVersion7();
        await alice.AppendOkAsync("a", Event("x.y", eventId: id));

        var response = await bob.AppendAsync("b", new { events = new[] { Event("x.y", new { other = true }, id) } });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task Live_delivers_only_the_callers_tenant()
    {
        using var alice = await Auth.PartnerClientAsync("events:read", "events:write");
        using var bob = await Auth.PartnerClientAsync("events:read", "events:write");

        var (_, sse) = await SseReader.OpenAsync(bob, "/api/v1/events/live");
        using var __ = sse;
        await alice.AppendOkAsync("alice-stream", Event("alice.private"));
        await bob.AppendOkAsync("bob-stream", Event("bob.public"));

        var first = await sse.NextEventAsync(TimeSpan.FromSeconds(10));
        Assert.That(first.Type, Is.EqualTo("bob.public"));
        Assert.That(await sse.IsQuietAsync(TimeSpan.FromMilliseconds(500)), Is.True);
    }
}
