namespace EventAgents.Application.Webhooks;

/// <summary>One HTTP attempt: the receiver's status (null when none came), how long it took, and why it failed.</summary>
public sealed record DeliveryAttemptDto(int Attempt, int? StatusCode, int DurationMs, string? Error, DateTimeOffset AttemptedAt);
