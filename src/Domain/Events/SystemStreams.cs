namespace EventAgents.Domain.Events;

/// <summary>System stream prefixes; the stream ids themselves are built by the features that own them.</summary>
public static class SystemStreams
{
    public const string DocumentPrefix = "doc:";
    public const string RunPrefix = "run:";
    public const string WebhookPrefix = "webhook:";
}
