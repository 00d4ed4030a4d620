using System.Text.Json;

namespace EventAgents.Reliability.Harness;

public static class Agents
{
    /// <summary>An agent on the configured OpenAI-compatible provider (the fake model).</summary>
    public static async Task<Guid> CreateAsync(ApiSession session, Uri baseUrl, string name, CancellationToken cancellationToken)
    {
        var agent = await session.SendJsonAsync(baseUrl, HttpMethod.Post, "/api/v1/agents", new
        {
            name,
            instructions = "Answer briefly.",
            model = new { provider = "openai", name = "fake-model" },
            maxAttempts = 5,
            timeoutSeconds = 60,
        }, cancellationToken);
        return agent.GetProperty("id").GetGuid();
    }

    public static async Task<Guid> StartRunAsync(ApiSession session, Uri baseUrl, Guid agentId, string token, CancellationToken cancellationToken)
    {
        var run = await session.SendJsonAsync(baseUrl, HttpMethod.Post, $"/api/v1/agents/{agentId}/runs", new { input = new { token } }, cancellationToken);
        return run.GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement> GetRunAsync(ApiSession session, Uri baseUrl, Guid runId, CancellationToken cancellationToken) =>
        await session.GetJsonAsync(baseUrl, $"/api/v1/runs/{runId}", cancellationToken);
}
