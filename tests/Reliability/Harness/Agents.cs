using System.Text.Json;

namespace EventAgents.Reliability.Harness;

public static class Agents
{
    /// <summary>Whether a run's status is one it never leaves.</summary>
    public static bool IsFinal(string? status) => status is "succeeded" or "failed" or "timed_out" or "cancelled";

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

    public static async Task<Guid> StartRunAsync(
        ApiSession session, Uri baseUrl, Guid agentId, string token, CancellationToken cancellationToken, object? input = null)
    {
        // The key makes the retry of a 503 safe: a start that did happen is replayed, not repeated.
        var key = Guid.NewGuid().ToString();
        using var response = await session.SendRetryingAsync(baseUrl, HttpMethod.Post, $"/api/v1/agents/{agentId}/runs", new { input = input ?? new { token } },
            cancellationToken, request => request.Headers.Add("Idempotency-Key", key));
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"starting a run answered {(int)response.StatusCode}: {text}");
        }

        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement> GetRunAsync(ApiSession session, Uri baseUrl, Guid runId, CancellationToken cancellationToken) =>
        await session.GetJsonAsync(baseUrl, $"/api/v1/runs/{runId}", cancellationToken);
}
