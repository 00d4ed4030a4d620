namespace EventAgents.Domain.Webhooks;

/// <summary>The receiver's answer: delivered or not, its HTTP status (none when it never answered) and its Retry-After.</summary>
public readonly record struct WebhookAttemptAnswer(bool Succeeded, int? StatusCode, TimeSpan? RetryAfter);
