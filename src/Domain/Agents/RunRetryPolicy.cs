namespace EventAgents.Domain.Agents;

/// <summary>
/// When a run is tried again, and what becomes of an attempt whose instance died.
/// <list type="bullet">
/// <item>An attempt that ended in a retryable error (the model unavailable, a lost lease) is tried again while attempts remain:
/// the run is queued again after an exponential backoff with jitter (base × 2^(failures − 1), at most the maximum, then
/// 50–100 % of that). A non-retryable error, or a failure of the last allowed attempt, fails the run.</item>
/// <item>An attempt whose lease expired (its instance stopped renewing it) ends cancelled when the run was being cancelled,
/// timed out when it is past its deadline, and otherwise counts as a retryable failure.</item>
/// </list>
/// </summary>
public sealed record RunRetryPolicy(TimeSpan RetryBase, TimeSpan RetryMax)
{
    /// <param name="retryable">Whether the attempt's error may go away on another try.</param>
    /// <param name="failedAttemptsBefore">The run's failed attempts before this one.</param>
    /// <param name="maxAttempts">The agent's limit on attempts.</param>
    /// <param name="jitter">A random number in [0, 1) that spreads retries.</param>
    public RunAttemptOutcome AfterFailedAttempt(bool retryable, int failedAttemptsBefore, int maxAttempts, double jitter)
    {
        var failures = failedAttemptsBefore + 1;
        return retryable && failures < maxAttempts
            ? RunAttemptOutcome.QueuedAgainIn(RetryDelay(failures, jitter))
            : RunAttemptOutcome.Failed;
    }

    /// <param name="cancelling">A cancel was asked for while the attempt ran.</param>
    /// <param name="pastDeadline">The run's timeout has passed.</param>
    /// <param name="failedAttemptsBefore">The run's failed attempts before the lost one.</param>
    /// <param name="maxAttempts">The agent's limit on attempts.</param>
    /// <param name="jitter">A random number in [0, 1) that spreads retries.</param>
    public RunAttemptOutcome AfterLostLease(bool cancelling, bool pastDeadline, int failedAttemptsBefore, int maxAttempts, double jitter) =>
        cancelling ? RunAttemptOutcome.Cancelled
        : pastDeadline ? RunAttemptOutcome.TimedOut
        : AfterFailedAttempt(retryable: true, failedAttemptsBefore, maxAttempts, jitter);

    /// <summary>The wait before the attempt after the <paramref name="failures"/>-th failure (1-based).</summary>
    public TimeSpan RetryDelay(int failures, double jitter)
    {
        var backoff = RetryBase.TotalSeconds * Math.Pow(2, Math.Max(0, failures - 1));
        return TimeSpan.FromSeconds(Math.Min(RetryMax.TotalSeconds, backoff) * (0.5 + (jitter / 2)));
    }
}
