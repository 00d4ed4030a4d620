using EventAgents.Domain.Agents;

namespace EventAgents.Domain.UnitTests.Agents;

/// <summary>When a run is tried again, and what becomes of an attempt whose instance died.</summary>
public sealed class RunRetryPolicyTests
{
    private static readonly RunRetryPolicy Policy = new(RetryBase: TimeSpan.FromSeconds(5), RetryMax: TimeSpan.FromMinutes(5));

    [Test]
    public void A_retryable_failure_is_queued_again_while_attempts_remain()
    {
        var first = Policy.AfterFailedAttempt(retryable: true, failedAttemptsBefore: 0, maxAttempts: 3, jitter: 1);
        var second = Policy.AfterFailedAttempt(retryable: true, failedAttemptsBefore: 1, maxAttempts: 3, jitter: 1);
        var last = Policy.AfterFailedAttempt(retryable: true, failedAttemptsBefore: 2, maxAttempts: 3, jitter: 1);

        Assert.That(first.Status, Is.EqualTo(RunStatus.Queued));
        Assert.That(first.IsRetry, Is.True);
        Assert.That(second.Status, Is.EqualTo(RunStatus.Queued));
        Assert.That(last.Status, Is.EqualTo(RunStatus.Failed), "the third of three attempts failed");
        Assert.That(last.IsRetry, Is.False);
    }

    [Test]
    public void A_non_retryable_failure_fails_the_run_at_once()
    {
        var outcome = Policy.AfterFailedAttempt(retryable: false, failedAttemptsBefore: 0, maxAttempts: 10, jitter: 0.5);

        Assert.That(outcome, Is.EqualTo(RunAttemptOutcome.Failed));
    }

    [Test]
    public void One_allowed_attempt_is_never_retried()
    {
        Assert.That(Policy.AfterFailedAttempt(retryable: true, failedAttemptsBefore: 0, maxAttempts: 1, jitter: 0.5).Status, Is.EqualTo(RunStatus.Failed));
    }

    [TestCase(1, 5)]
    [TestCase(2, 10)]
    [TestCase(4, 40)]
    [TestCase(7, 300)]
    [TestCase(30, 300)]
    public void Retries_back_off_exponentially_up_to_the_maximum(int failures, double seconds)
    {
        Assert.That(Policy.RetryDelay(failures, jitter: 1), Is.EqualTo(TimeSpan.FromSeconds(seconds)));
        Assert.That(Policy.RetryDelay(failures, jitter: 0), Is.EqualTo(TimeSpan.FromSeconds(seconds / 2)), "jitter keeps at least half");
    }

    [Test]
    public void The_retry_waits_the_backoff_of_its_failure()
    {
        var outcome = Policy.AfterFailedAttempt(retryable: true, failedAttemptsBefore: 1, maxAttempts: 5, jitter: 1);

        Assert.That(outcome.RetryIn, Is.EqualTo(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public void A_lost_lease_ends_a_cancelled_run_cancelled_and_a_late_one_timed_out_before_anything_else()
    {
        Assert.That(Policy.AfterLostLease(cancelling: true, pastDeadline: true, 0, 3, 0.5), Is.EqualTo(RunAttemptOutcome.Cancelled));
        Assert.That(Policy.AfterLostLease(cancelling: false, pastDeadline: true, 0, 3, 0.5), Is.EqualTo(RunAttemptOutcome.TimedOut));
        Assert.That(Policy.AfterLostLease(cancelling: true, pastDeadline: false, 2, 3, 0.5), Is.EqualTo(RunAttemptOutcome.Cancelled));
    }

    [Test]
    public void Otherwise_a_lost_lease_is_a_retryable_failure()
    {
        var retried = Policy.AfterLostLease(cancelling: false, pastDeadline: false, failedAttemptsBefore: 0, maxAttempts: 3, jitter: 1);
        var exhausted = Policy.AfterLostLease(cancelling: false, pastDeadline: false, failedAttemptsBefore: 2, maxAttempts: 3, jitter: 1);

        Assert.That(retried.Status, Is.EqualTo(RunStatus.Queued));
        Assert.That(retried.RetryIn, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(exhausted.Status, Is.EqualTo(RunStatus.Failed));
    }
}
