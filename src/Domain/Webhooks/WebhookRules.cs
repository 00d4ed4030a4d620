namespace EventAgents.Domain.Webhooks;

/// <summary>Limits of webhook subscriptions, and the event types the service itself sends.</summary>
public static class WebhookRules
{
    public const int MaxUrlLength = 2048;
    public const int MaxEventTypes = 50;
    public const int MaxDescriptionLength = 1000;

    public const string PingEventType = "webhook.ping";
    public const string DisabledEventType = "webhook.disabled";

    /// <summary>A subscription to every event type.</summary>
    public const string AnyEventType = "*";

    public static string StreamOf(Guid subscriptionId) => Events.SystemStreams.WebhookPrefix + subscriptionId.ToString("D");
}
