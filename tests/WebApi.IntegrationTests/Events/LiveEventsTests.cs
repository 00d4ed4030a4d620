using System.Net;
using System.Net.Http.Json;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.EventsApi;

namespace EventAgents.WebApi.IntegrationTests.Events;

public sealed class LiveEventsTests : ApiTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <summary>Far below the fallback poll below, so only a wake-up can deliver in time.</summary>
    private static readonly TimeSpan PromptWakeUp = TimeSpan.FromSeconds(3);

    private static readonly Dictionary<string, string?> SlowFallbackPoll = new() { ["Events:LiveFallbackPollSeconds"] = "120" };

    [Test]
    public async Task Live_catches_up_then_delivers_new_events_with_their_position_as_id()
    {
        using var http = await Auth.PartnerClientAsync("events:read", "events:write");
        await http.AppendOkAsync("live-1", Event("first.one"), Event("second.one"));

        var (response, sse) = await SseReader.OpenAsync(http, "/api/v1/events/live");
        using var _ = sse;
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
        Assert.That(response.Headers.CacheControl?.NoCache, Is.True);

        var first = await sse.NextEventAsync(Wait);
        var second = await sse.NextEventAsync(Wait);
        await http.AppendOkAsync("live-2", Event("third.one"));
        var third = await sse.NextEventAsync(Wait);

        Assert.Multiple(() =>
        {
            Assert.That(new[] { first.Id, second.Id, third.Id }, Is.EqualTo(new[] { "1", "2", "3" }));
            Assert.That(new[] { first.Type, second.Type, third.Type }, Is.EqualTo(new[] { "first.one", "second.one", "third.one" }));
            Assert.That(third.Data.GetProperty("streamId").GetString(), Is.EqualTo("live-2"));
            Assert.That(third.Data.GetProperty("position").GetInt64(), Is.EqualTo(3));
            Assert.That(third.Data.GetProperty("data").GetProperty("n").GetInt32(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Reconnecting_with_last_event_id_resumes_after_it_without_duplicates()
    {
        using var http = await Auth.PartnerClientAsync("events:read", "events:write");
        await http.AppendOkAsync("resume", Event("e.1"), Event("e.2"), Event("e.3"));

        var (_, sse) = await SseReader.OpenAsync(http, "/api/v1/events/live?after=0", lastEventId: "2");
        using var __ = sse;
        var next = await sse.NextEventAsync(Wait);
        await http.AppendOkAsync("resume", Event("e.4"));
        var live = await sse.NextEventAsync(Wait);

        Assert.That(next.Id, Is.EqualTo("3"));
        Assert.That(live.Id, Is.EqualTo("4"));
        Assert.That(await sse.IsQuietAsync(TimeSpan.FromMilliseconds(500)), Is.True, "nothing else, in particular no duplicate");
    }

    [Test]
    public async Task Live_can_be_filtered_by_type_and_stream_prefix()
    {
        using var http = await Auth.PartnerClientAsync("events:read", "events:write");
        await http.AppendOkAsync("order-1", Event("order.placed"), Event("order.noise"));
        await http.AppendOkAsync("other-1", Event("order.placed"));

        var (_, sse) = await SseReader.OpenAsync(http, "/api/v1/events/live?type=order.placed&streamPrefix=order-");
        using var __ = sse;
        var first = await sse.NextEventAsync(Wait);
        await http.AppendOkAsync("order-2", Event("order.noise"), Event("order.placed"));
        var second = await sse.NextEventAsync(Wait);

        Assert.That((first.Id, first.Data.GetProperty("streamId").GetString()), Is.EqualTo(("1", "order-1")));
        Assert.That((second.Id, second.Data.GetProperty("streamId").GetString()), Is.EqualTo(("5", "order-2")));
    }

    [Test]
    public async Task An_append_on_another_instance_wakes_live_readers_at_once()
    {
        await using var other = new ApiFactory(settings: SlowFallbackPoll);
        using var writer = await Auth.PartnerClientAsync("events:read", "events:write");
        using var reader = other.CreateClient();
        reader.DefaultRequestHeaders.Authorization = writer.DefaultRequestHeaders.Authorization;

        var (_, sse) = await SseReader.OpenAsync(reader, "/api/v1/events/live");
        using var __ = sse;
        await writer.AppendOkAsync("elsewhere", Event("written.elsewhere"));

        var woken = await sse.NextEventAsync(PromptWakeUp);
        Assert.That(woken.Type, Is.EqualTo("written.elsewhere"));
    }

    [Test]
    public async Task A_document_write_wakes_live_readers_at_once()
    {
        await using var factory = new ApiFactory(settings: SlowFallbackPoll);
        using var http = await new TestAuth(factory).PartnerClientAsync("events:read", "documents:read", "documents:write");

        var (_, sse) = await SseReader.OpenAsync(http, "/api/v1/events/live");
        using var __ = sse;
        await http.PutOkAsync("notes", "n-1", new { text = "hello" });

        var woken = await sse.NextEventAsync(PromptWakeUp);
        Assert.That(woken.Data.GetProperty("streamId").GetString(), Is.EqualTo("doc:notes:n-1"));
    }

    [Test]
    public async Task A_live_stream_ends_when_its_token_expires()
    {
        var partner = await Auth.CreatePartnerAsync("events:read", "events:write");
        using var writer = await Auth.ClientWithTokenAsync(partner.ClientId, partner.ClientSecret);
        using var shortLived = Auth.WithToken(TokenForge.Create(partner.ClientId, partner.TenantId, "events:read", expires: DateTime.UtcNow.AddSeconds(3)));

        var (_, sse) = await SseReader.OpenAsync(shortLived, "/api/v1/events/live");
        using var __ = sse;
        await writer.AppendOkAsync("live-1", Event("before.expiry"));
        var before = await sse.NextEventAsync(Wait);
        await Task.Delay(TimeSpan.FromSeconds(4));
        await writer.AppendOkAsync("live-1", Event("after.expiry"));

        Assert.That(before.Type, Is.EqualTo("before.expiry"));
        Assert.ThrowsAsync<EndOfStreamException>(() => sse.NextEventAsync(Wait), "nothing is delivered past the token's exp");
        Assert.That(sse.Comments, Has.Some.Contains("reconnect with a fresh token"));
    }

    [Test]
    public async Task A_live_stream_ends_soon_after_its_client_is_revoked()
    {
        await using var factory = new ApiFactory(settings: new Dictionary<string, string?> { ["Auth:ClientStatusCacheSeconds"] = "1" });
        var auth = new TestAuth(factory);
        var partner = await auth.CreatePartnerAsync("events:read", "events:write");
        using var admin = await TestAuth.AdminClientAsync(factory);
        var other = await (await admin.PostAsJsonAsync($"/api/v1/tenants/{partner.TenantId}/clients", new { name = "writer", scopes = new[] { "events:write" } })).ReadJsonAsync();
        using var writer = await auth.ClientWithTokenAsync(other.GetProperty("clientId").GetString()!, other.GetProperty("clientSecret").GetString()!);
        using var reader = await auth.ClientWithTokenAsync(partner.ClientId, partner.ClientSecret);

        var (_, sse) = await SseReader.OpenAsync(reader, "/api/v1/events/live");
        using var __ = sse;
        await writer.AppendOkAsync("live-1", Event("before.revocation"));
        var before = await sse.NextEventAsync(Wait);
        var revoked = await admin.DeleteAsync($"/api/v1/tenants/{partner.TenantId}/clients/{partner.ClientId}");
        await Task.Delay(TimeSpan.FromSeconds(3));
        await writer.AppendOkAsync("live-1", Event("after.revocation"));

        Assert.That((before.Type, revoked.IsSuccessStatusCode), Is.EqualTo(("before.revocation", true)));
        Assert.ThrowsAsync<EndOfStreamException>(() => sse.NextEventAsync(Wait), "a revoked client's stream was still delivering 35 s later");
    }

    [Test]
    public async Task A_quiet_stream_sends_heartbeat_comments()
    {
        await using var factory = new ApiFactory(settings: new Dictionary<string, string?> { ["Events:HeartbeatSeconds"] = "0.3" });
        using var http = await new TestAuth(factory).PartnerClientAsync("events:read");

        var (_, sse) = await SseReader.OpenAsync(http, "/api/v1/events/live");
        using var __ = sse;

        Assert.That(await sse.NextCommentAsync(Wait), Is.EqualTo(": heartbeat"));
    }

    [Test]
    public async Task Live_connections_per_client_are_capped_with_429()
    {
        await using var factory = new ApiFactory(settings: new Dictionary<string, string?> { ["Events:MaxLiveConnectionsPerClient"] = "1" });
        var auth = new TestAuth(factory);
        var partner = await auth.CreatePartnerAsync("events:read");
        using var http = await auth.ClientWithTokenAsync(partner.ClientId, partner.ClientSecret);

        var (first, sse) = await SseReader.OpenAsync(http, "/api/v1/events/live");
        using var __ = sse;
        var second = await http.GetAsync("/api/v1/events/live", HttpCompletionOption.ResponseHeadersRead);

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await second.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.That(second.Headers.Contains("Retry-After"), Is.True);
    }

    [Test]
    public async Task Live_streams_end_cleanly_when_the_server_shuts_down()
    {
        var factory = new ApiFactory();
        using var http = await new TestAuth(factory).PartnerClientAsync("events:read");
        var (_, sse) = await SseReader.OpenAsync(http, "/api/v1/events/live");
        using var __ = sse;

        var stopping = Task.Run(async () => await factory.DisposeAsync());
        var ended = await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(20)));

        Assert.That(ended, Is.SameAs(stopping), "shutdown did not wait for the shutdown timeout");
        var error = Assert.CatchAsync(async () => await sse.NextEventAsync(TimeSpan.FromSeconds(5)));
        Assert.That(error, Is.Not.InstanceOf<OperationCanceledException>(), "the stream ended rather than going quiet");
    }

    [Test]
    public async Task Bad_live_parameters_are_a_400_before_the_stream_starts()
    {
        using var http = await Auth.PartnerClientAsync("events:read");

        var response = await http.GetAsync("/api/v1/events/live?type=not%20valid");
        var negative = await http.GetAsync("/api/v1/events/live?after=-1");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var problem = await negative.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty("after", out _), Is.True, problem.ToString());
    }
}
