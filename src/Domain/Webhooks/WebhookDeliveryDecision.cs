namespace EventAgents.Domain.Webhooks;

/// <summary>The delivery's new status, its attempt count, when to try again, the subscription's failures in a row and, when it
/// is to be disabled, why.</summary>
public sealed record WebhookDeliveryDecision(
    WebhookDeliveryStatus Status, int Attempts, TimeSpan NextAttemptIn, int ConsecutiveFailures, string? DisableReason)
{
    public bool Disables => DisableReason is not null;
}
