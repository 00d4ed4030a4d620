using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EventAgents.WebApi.IntegrationTests.Infrastructure;

/// <summary>Agent and run calls shared by the agent tests.</summary>
public static class AgentsApi
{
    public static readonly string[] AllAgentScopes =
        ["agents:read", "agents:write", "agents:run", "documents:read", "documents:write", "events:read", "events:write"];

    /// <summary>A minimal valid agent body on the echo model, with overrides.</summary>
    public static Dictionary<string, object?> Agent(string name = "triage", Action<Dictionary<string, object?>>? change = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["name"] = name,
            ["instructions"] = "Echo what you are given.",
            ["model"] = new { provider = "echo" },
        };
        change?.Invoke(body);
        return body;
    }

    public static async Task<JsonElement> CreateAgentOkAsync(this HttpClient http, Dictionary<string, object?> body)
    {
        var response = await http.PostAsJsonAsync("/api/v1/agents", body);
        var json = await response.ReadJsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), json.ToString());
        return json;
    }

    public static async Task<JsonElement> StartRunAsync(this HttpClient http, Guid agentId, object input, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/agents/{agentId}/runs") { Content = JsonContent.Create(new { input }) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        var response = await http.SendAsync(request);
        var json = await response.ReadJsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), json.ToString());
        return json;
    }

    public static async Task<JsonElement> GetRunAsync(this HttpClient http, Guid runId) =>
        await (await http.GetAsync($"/api/v1/runs/{runId}")).ReadJsonAsync();

    /// <summary>Polls the run until <paramref name="done"/> holds (default: a terminal status) or the timeout passes.</summary>
    public static async Task<JsonElement> WaitForRunAsync(this HttpClient http, Guid runId, Func<JsonElement, bool>? done = null, double seconds = 15)
    {
        done ??= r => r.GetProperty("status").GetString() is "succeeded" or "failed" or "timed_out" or "cancelled";
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var run = await http.GetRunAsync(runId);
            if (done(run) || DateTime.UtcNow > deadline)
            {
                return run;
            }

            await Task.Delay(100);
        }
    }

    public static async Task<List<JsonElement>> RunEventsAsync(this HttpClient http, Guid runId)
    {
        var page = await (await http.GetAsync($"/api/v1/streams/run:{runId}/events?limit=1000")).ReadJsonAsync();
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    public static async Task<List<JsonElement>> RunStepsAsync(this HttpClient http, Guid runId) =>
        (await (await http.GetAsync($"/api/v1/runs/{runId}/steps")).ReadJsonAsync()).GetProperty("items").EnumerateArray().ToList();

    public static async Task<Guid> CreateTriggeredAgentAsync(this HttpClient http, string eventType, string? streamPrefix, string name = "triggered") =>
        (await http.CreateAgentOkAsync(Agent(name, b => b["triggers"] = new[] { new { eventType, streamPrefix } }))).GetProperty("id").GetGuid();

    /// <summary>The agent's runs once <paramref name="expected"/> exist (or after a few seconds).</summary>
    public static async Task<List<JsonElement>> RunsOfAsync(this HttpClient http, Guid agentId, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            var page = await (await http.GetAsync($"/api/v1/runs?agentId={agentId}&limit=200")).ReadJsonAsync();
            var runs = page.GetProperty("items").EnumerateArray().ToList();
            if (runs.Count >= expected || DateTime.UtcNow > deadline)
            {
                return runs;
            }

            await Task.Delay(100);
        }
    }
}
