using EventAgents.Domain.Webhooks;

namespace EventAgents.Domain.UnitTests.Webhooks;

/// <summary>When a webhook delivery is retried, given up, and when its subscription is disabled.</summary>
public sealed class WebhookDeliveryPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly WebhookDeliveryPolicy Policy = new(
        RetryBase: TimeSpan.FromSeconds(5), RetryMax: TimeSpan.FromHours(1), RetryWindow: TimeSpan.FromHours(24), DisableAfterConsecutiveFailures: 20);

    private static readonly WebhookAttemptAnswer Delivered = new(true, 200, null);
    private static readonly WebhookAttemptAnswer ServerError = new(false, 500, null);
    private static readonly WebhookAttemptAnswer NoAnswer = new(false, null, null);

    [Test]
    public void A_2xx_delivers_and_resets_the_failures_in_a_row()
    {
        var decision = Policy.Decide(Delivered, new WebhookDeliveryState(3, Now.AddMinutes(-5), 7), Now, 0.5);

        Assert.That(decision.Status, Is.EqualTo(WebhookDeliveryStatus.Succeeded));
        Assert.That(decision.Attempts, Is.EqualTo(4));
        Assert.That(decision.ConsecutiveFailures, Is.Zero);
        Assert.That(decision.Disables, Is.False);
    }

    [Test]
    public void Anything_else_is_retried_and_counted_as_a_failure_in_a_row()
    {
        foreach (var answer in new[] { ServerError, NoAnswer, new WebhookAttemptAnswer(false, 301, null), new WebhookAttemptAnswer(false, 404, null) })
        {
            var decision = Policy.Decide(answer, new WebhookDeliveryState(0, null, 2), Now, 0.5);

            Assert.That(decision.Status, Is.EqualTo(WebhookDeliveryStatus.Pending), answer.ToString());
            Assert.That(decision.ConsecutiveFailures, Is.EqualTo(3), answer.ToString());
            Assert.That(decision.Disables, Is.False, answer.ToString());
        }
    }

    [TestCase(1, 5)]
    [TestCase(2, 10)]
    [TestCase(3, 20)]
    [TestCase(8, 640)]
    [TestCase(20, 3600)]
    public void Retries_back_off_exponentially_up_to_the_maximum(int attempt, double seconds)
    {
        var decision = Policy.Decide(ServerError, new WebhookDeliveryState(attempt - 1, Now.AddMinutes(-1), 0), Now, jitter: 0.5);

        Assert.That(decision.NextAttemptIn, Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    [TestCase(0.0, 0.75)]
    [TestCase(0.999, 1.2495)]
    public void Jitter_spreads_a_retry_between_three_quarters_and_five_quarters_of_the_backoff(double jitter, double factor)
    {
        var decision = Policy.Decide(ServerError, new WebhookDeliveryState(1, Now.AddMinutes(-1), 0), Now, jitter);

        Assert.That(decision.NextAttemptIn.TotalSeconds, Is.EqualTo(10 * factor).Within(1e-9));
    }

    [Test]
    public void The_receivers_Retry_After_is_honoured_up_to_the_maximum()
    {
        var soon = Policy.Decide(new WebhookAttemptAnswer(false, 429, TimeSpan.FromSeconds(42)), new WebhookDeliveryState(5, Now.AddMinutes(-1), 0), Now, 0.9);
        var late = Policy.Decide(new WebhookAttemptAnswer(false, 503, TimeSpan.FromDays(2)), new WebhookDeliveryState(0, null, 0), Now, 0.9);

        Assert.That(soon.NextAttemptIn, Is.EqualTo(TimeSpan.FromSeconds(42)));
        Assert.That(late.NextAttemptIn, Is.EqualTo(TimeSpan.FromHours(1)));
    }

    [Test]
    public void An_event_is_given_up_at_its_first_failed_attempt_after_the_retry_window()
    {
        var inside = Policy.Decide(ServerError, new WebhookDeliveryState(30, Now.AddHours(-23), 0), Now, 0.5);
        var outside = Policy.Decide(ServerError, new WebhookDeliveryState(31, Now.AddHours(-25), 0), Now, 0.5);
        var deliveredLate = Policy.Decide(Delivered, new WebhookDeliveryState(31, Now.AddHours(-25), 0), Now, 0.5);

        Assert.That(inside.Status, Is.EqualTo(WebhookDeliveryStatus.Pending));
        Assert.That(outside.Status, Is.EqualTo(WebhookDeliveryStatus.Failed));
        Assert.That(deliveredLate.Status, Is.EqualTo(WebhookDeliveryStatus.Succeeded));
    }

    [Test]
    public void A_subscription_is_disabled_at_the_configured_failures_in_a_row()
    {
        var nineteenth = Policy.Decide(NoAnswer, new WebhookDeliveryState(0, null, 18), Now, 0.5);
        var twentieth = Policy.Decide(NoAnswer, new WebhookDeliveryState(0, null, 19), Now, 0.5);

        Assert.That(nineteenth.Disables, Is.False);
        Assert.That(twentieth.Disables, Is.True);
        Assert.That(twentieth.DisableReason, Is.EqualTo("20 failed attempts in a row"));
    }

    [Test]
    public void A_410_Gone_disables_the_subscription_at_once()
    {
        var decision = Policy.Decide(new WebhookAttemptAnswer(false, 410, null), new WebhookDeliveryState(0, null, 0), Now, 0.5);

        Assert.That(decision.Disables, Is.True);
        Assert.That(decision.DisableReason, Is.EqualTo("the receiver answered 410 Gone"));
        Assert.That(decision.ConsecutiveFailures, Is.EqualTo(1));
    }
}
