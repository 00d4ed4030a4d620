namespace EventAgents.Application.Webhooks;

/// <summary>The outcome of a <c>webhook.ping</c> sent right away (not retried).</summary>
public sealed record PingResultDto(bool Succeeded, int? StatusCode, int DurationMs, string? Error);
