namespace EventAgents.Domain.Webhooks;

/// <summary>
/// What the answer to one delivery attempt means: whether the event is delivered, retried (and when) or given up, and whether
/// the subscription stays enabled.
/// <list type="bullet">
/// <item>Only a 2xx delivers. Anything else — another status, a timeout, a refused connection — is retried after an
/// exponential backoff with jitter (base × 2^(attempts − 1), at most the maximum), or after the receiver's Retry-After when it
/// sent one (also capped by the maximum).</item>
/// <item>An event whose first attempt is older than the retry window is marked failed at its next failed attempt, and delivery
/// moves on to the subscription's next event.</item>
/// <item>The subscription is disabled when the receiver answers 410 Gone, or after the configured number of failed attempts
/// in a row (a delivery resets the count).</item>
/// </list>
/// </summary>
public sealed record WebhookDeliveryPolicy(TimeSpan RetryBase, TimeSpan RetryMax, TimeSpan RetryWindow, int DisableAfterConsecutiveFailures)
{
    public const int GoneStatusCode = 410;

    /// <param name="answer">How the attempt went.</param>
    /// <param name="before">The delivery and its subscription before the attempt.</param>
    /// <param name="now">When the attempt ended.</param>
    /// <param name="jitter">A random number in [0, 1) that spreads retries (0.75–1.25 × the backoff).</param>
    public WebhookDeliveryDecision Decide(WebhookAttemptAnswer answer, WebhookDeliveryState before, DateTimeOffset now, double jitter)
    {
        var attempts = before.Attempts + 1;
        var expired = before.FirstAttemptAt is { } first && now - first > RetryWindow;
        var status = answer.Succeeded ? WebhookDeliveryStatus.Succeeded
            : expired ? WebhookDeliveryStatus.Failed
            : WebhookDeliveryStatus.Pending;
        var failures = answer.Succeeded ? 0 : before.ConsecutiveFailures + 1;
        var disableReason = answer.StatusCode == GoneStatusCode ? "the receiver answered 410 Gone"
            : failures >= DisableAfterConsecutiveFailures ? $"{failures} failed attempts in a row"
            : null;
        return new WebhookDeliveryDecision(status, attempts, RetryDelay(attempts, answer.RetryAfter, jitter), failures, disableReason);
    }

    private TimeSpan RetryDelay(int attempts, TimeSpan? retryAfter, double jitter)
    {
        if (retryAfter is { } asked && asked > TimeSpan.Zero)
        {
            return asked < RetryMax ? asked : RetryMax;
        }

        var backoff = RetryBase.TotalSeconds * Math.Pow(2, Math.Max(0, attempts - 1));
        return TimeSpan.FromSeconds(Math.Min(RetryMax.TotalSeconds, backoff) * (0.75 + (jitter / 2)));
    }
}
