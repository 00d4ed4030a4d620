using EventAgents.Domain.Webhooks;

namespace EventAgents.Infrastructure.Webhooks;

/// <summary>Webhook delivery settings (<c>Webhooks__…</c>).</summary>
public sealed class WebhooksOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>Lifts the SSRF guard (loopback, private networks): for development and tests only.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Concurrent deliveries per instance (each to a different subscription); 0 turns delivery off on this instance.</summary>
    public int Workers { get; set; } = 2;

    public double PollSeconds { get; set; } = 1;

    public double TimeoutSeconds { get; set; } = 10;

    public double RetryBaseSeconds { get; set; } = 5;

    public double RetryMaxSeconds { get; set; } = 3600;

    /// <summary>How long one event is retried before it is marked failed and delivery moves on.</summary>
    public double RetryWindowHours { get; set; } = 24;

    /// <summary>Failed attempts in a row after which the subscription is disabled (and <c>webhook.disabled</c> appended).</summary>
    public int DisableAfterConsecutiveFailures { get; set; } = 20;

    public const int MaxResponseBytes = 64 * 1024;

    /// <summary>The retry, give-up and disable rules these settings configure.</summary>
    public WebhookDeliveryPolicy Policy => new(
        TimeSpan.FromSeconds(RetryBaseSeconds), TimeSpan.FromSeconds(RetryMaxSeconds), TimeSpan.FromHours(RetryWindowHours),
        DisableAfterConsecutiveFailures);
}
