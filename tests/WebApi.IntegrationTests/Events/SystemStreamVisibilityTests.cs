using System.Net;
using System.Net.Http.Json;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.AgentsApi;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.EventsApi;

namespace EventAgents.WebApi.IntegrationTests.Events;

/// <summary>
/// Issue #15, item 3: a system stream holds what its feature holds (a document's contents, a run's answers), so its events
/// are visible only to callers that also hold that feature's read scope, wherever events are read.
/// </summary>
public sealed class SystemStreamVisibilityTests : ApiTest
{
    private const string DocumentStream = "doc:orders:o-17";
    private readonly List<HttpClient> _clients = [];

    [TearDown]
    public void DisposeTokens() => _clients.ForEach(client => client.Dispose());

    [Test]
    public async Task A_client_without_documents_read_cannot_read_a_documents_stream()
    {
        var (owner, eventsOnly) = await TwoTokensAsync("events:read");
        await owner.PutOkAsync("orders", "o-17", new { secret = "card-on-file" });

        var stream = await eventsOnly.GetAsync($"/api/v1/streams/{DocumentStream}");
        var events = await eventsOnly.GetAsync($"/api/v1/streams/{DocumentStream}/events");
        var asOwner = await owner.GetAsync($"/api/v1/streams/{DocumentStream}/events");

        foreach (var response in new[] { stream, events })
        {
            var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("documents:read"));
            Assert.That(problem.ToString(), Does.Not.Contain("card-on-file"));
        }

        Assert.That(asOwner.StatusCode, Is.EqualTo(HttpStatusCode.OK), "with documents:read the stream reads as before");
    }

    [Test]
    public async Task A_client_without_agents_read_cannot_read_a_runs_stream()
    {
        var (owner, eventsOnly) = await TwoTokensAsync("events:read");
        var agentId = (await owner.CreateAgentOkAsync(Agent())).GetProperty("id").GetGuid();
        var runId = (await owner.StartRunAsync(agentId, new { question = "q" })).GetProperty("id").GetGuid();
        await owner.WaitForRunAsync(runId);

        var response = await eventsOnly.GetAsync($"/api/v1/streams/run:{runId}/events");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.That((await owner.GetAsync($"/api/v1/streams/run:{runId}/events")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_global_log_and_stream_list_leave_out_system_streams_the_caller_may_not_read_and_paging_still_reaches_the_end()
    {
        var (owner, eventsOnly) = await TwoTokensAsync("events:read");
        await owner.AppendOkAsync("orders-1", Event("order.placed"));
        await owner.PutOkAsync("orders", "o-17", new { secret = "card-on-file" });
        await owner.PutOkAsync("orders", "o-18", new { secret = "card-on-file" });
        await owner.AppendOkAsync("orders-2", Event("order.placed"));

        var hidden = await eventsOnly.ReadAllAsync();
        var paged = await PageByOneAsync(eventsOnly);
        var shown = await owner.ReadAllAsync();
        var streams = (await (await eventsOnly.GetAsync("/api/v1/streams")).ReadJsonAsync()).GetProperty("items")
            .EnumerateArray().Select(s => s.GetProperty("streamId").GetString()).ToList();

        Assert.That(hidden.Select(e => e.GetProperty("streamId").GetString()), Is.EqualTo(new[] { "orders-1", "orders-2" }));
        Assert.That(paged, Is.EqualTo(new[] { "orders-1", "orders-2" }), "a cursor moves past what it may not see");
        Assert.That(shown.Select(e => e.GetProperty("streamId").GetString()), Does.Contain(DocumentStream));
        Assert.That(streams, Is.EquivalentTo(new[] { "orders-1", "orders-2" }));
    }

    [Test]
    public async Task Live_readers_without_documents_read_do_not_receive_document_events()
    {
        var (owner, eventsOnly) = await TwoTokensAsync("events:read");

        var (_, sse) = await SseReader.OpenAsync(eventsOnly, "/api/v1/events/live");
        using var __ = sse;
        await owner.PutOkAsync("orders", "o-17", new { secret = "card-on-file" });
        await owner.AppendOkAsync("orders-1", Event("order.placed"));

        var first = await sse.NextEventAsync(TimeSpan.FromSeconds(10));
        Assert.That(first.Data.GetProperty("streamId").GetString(), Is.EqualTo("orders-1"));
    }

    [Test]
    public async Task A_webhook_created_without_documents_read_is_not_sent_document_events()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var partner = await Auth.CreatePartnerAsync("events:write", "documents:read", "documents:write", "webhooks:manage");
        using var owner = await Auth.ClientWithTokenAsync(partner.ClientId, partner.ClientSecret);
        using var hooks = await Auth.ClientWithTokenAsync(partner.ClientId, partner.ClientSecret, "webhooks:manage");
        var created = await hooks.PostAsJsonAsync("/api/v1/webhooks", new { url = receiver.Url.ToString(), eventTypes = new[] { "*" } });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));

        await owner.PutOkAsync("orders", "o-17", new { secret = "card-on-file" });
        await owner.AppendOkAsync("orders-1", Event("order.placed"));
        var received = await receiver.WaitForAsync(1);
        await Task.Delay(500);

        Assert.That(received.Select(r => r.Json.GetProperty("data").GetProperty("streamId").GetString()), Is.EqualTo(new[] { "orders-1" }));
        Assert.That(receiver.Received.Select(r => r.Body), Has.None.Contains("card-on-file"));
    }

    [Test]
    public async Task An_agents_events_read_tool_cannot_read_a_documents_stream_without_documents_read()
    {
        var (owner, _) = await TwoTokensAsync("events:read");
        await owner.PutOkAsync("orders", "o-17", new { secret = "card-on-file" });
        var agentId = (await owner.CreateAgentOkAsync(Agent("reader", b => b["tools"] = new[] { "events.read" }))).GetProperty("id").GetGuid();

        var runId = (await owner.StartRunAsync(agentId, new
        {
            toolCalls = new[] { new { tool = "events.read", arguments = new { streamId = DocumentStream } } },
        })).GetProperty("id").GetGuid();
        await owner.WaitForRunAsync(runId);
        var steps = (await (await owner.GetAsync($"/api/v1/runs/{runId}/steps")).ReadJsonAsync()).GetProperty("items").EnumerateArray().ToList();

        var tool = steps.Single(s => s.GetProperty("kind").GetString() == "tool_call");
        Assert.That(tool.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("not-allowed"));
        Assert.That(steps.Select(s => s.ToString()), Has.None.Contains("card-on-file"));
    }

    /// <summary>A tenant's all-scopes client, and a second token of it narrowed to <paramref name="scopes"/>.</summary>
    private async Task<(HttpClient Owner, HttpClient Narrow)> TwoTokensAsync(params string[] scopes)
    {
        var partner = await Auth.CreatePartnerAsync(AllAgentScopes);
        var owner = await Auth.ClientWithTokenAsync(partner.ClientId, partner.ClientSecret);
        var narrow = await Auth.ClientWithTokenAsync(partner.ClientId, partner.ClientSecret, string.Join(' ', scopes));
        _clients.AddRange([owner, narrow]);
        return (owner, narrow);
    }

    private static async Task<List<string?>> PageByOneAsync(HttpClient http)
    {
        var streams = new List<string?>();
        long after = 0;
        for (var pages = 0; pages < 20; pages++)
        {
            var page = await (await http.GetAsync($"/api/v1/events?after={after}&limit=1")).ReadJsonAsync();
            streams.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("streamId").GetString()));
            after = page.GetProperty("lastPosition").GetInt64();
            if (!(page.GetProperty("nextCursor").ValueKind == System.Text.Json.JsonValueKind.String))
            {
                break;
            }
        }

        return streams;
    }
}
