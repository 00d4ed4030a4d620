namespace EventAgents.Domain.Webhooks;

/// <summary>Where a delivery stands; stored as its lower-case name.</summary>
public enum WebhookDeliveryStatus
{
    Pending,
    Succeeded,
    Failed,
}
