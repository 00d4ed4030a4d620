namespace EventAgents.Domain.Webhooks;

/// <summary>A delivery's attempts so far and its subscription's failures in a row, before an attempt.</summary>
public readonly record struct WebhookDeliveryState(int Attempts, DateTimeOffset? FirstAttemptAt, int ConsecutiveFailures);
