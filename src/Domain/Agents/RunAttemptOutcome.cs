namespace EventAgents.Domain.Agents;

/// <summary>What an attempt that did not succeed leads to: the run's next status and, when it is queued again, after how long.</summary>
public sealed record RunAttemptOutcome(string Status, TimeSpan RetryIn)
{
    public static readonly RunAttemptOutcome Failed = new(RunStatus.Failed, TimeSpan.Zero);
    public static readonly RunAttemptOutcome Cancelled = new(RunStatus.Cancelled, TimeSpan.Zero);
    public static readonly RunAttemptOutcome TimedOut = new(RunStatus.TimedOut, TimeSpan.Zero);

    public bool IsRetry => Status == RunStatus.Queued;

    public static RunAttemptOutcome QueuedAgainIn(TimeSpan delay) => new(RunStatus.Queued, delay);
}
