using EventAgents.Application.Agents.Runs;
using EventAgents.Domain.Agents;

namespace EventAgents.Infrastructure.Agents.Runs;

/// <summary>
/// What an attempt came to (see <see cref="RunLifecycle.EndOfAttempt"/>): succeeded with an output, failed, timed out or
/// cancelled with an error, or queued again after a delay (a retry, counted as a failure, or a release at shutdown, not counted).
/// </summary>
internal sealed record AttemptEnd(string Outcome, string? OutputJson, RunError? Error, bool CountsAsFailure, TimeSpan RetryIn)
{
    /// <summary>What a paused run stores to go on later (set when <see cref="Outcome"/> is requires_action).</summary>
    public RunPause? Pause { get; init; }

    /// <summary>Tool calls wait for outputs or approval: the run pauses, holding no worker.</summary>
    public static AttemptEnd RequiresAction(RunPause pause) => new(RunStatus.RequiresAction, null, null, false, TimeSpan.Zero) { Pause = pause };

    public static AttemptEnd Succeeded(string outputJson) => new(RunStatus.Succeeded, outputJson, null, false, TimeSpan.Zero);

    public static AttemptEnd Cancelled { get; } = new(RunStatus.Cancelled, null, null, false, TimeSpan.Zero);

    public static AttemptEnd TimedOut(RunError error) => new(RunStatus.TimedOut, null, error, false, TimeSpan.Zero);

    /// <summary>Handed back to the queue at shutdown, due at once; not a failed attempt.</summary>
    public static AttemptEnd Released { get; } = new(RunStatus.Queued, null, null, false, TimeSpan.Zero);

    /// <summary>A failed attempt (counted), as the retry policy decided: failed, timed out, cancelled, or queued again.</summary>
    public static AttemptEnd After(RunAttemptOutcome outcome, RunError error) =>
        new(outcome.Status, null, error, outcome.Status is RunStatus.Failed or RunStatus.Queued, outcome.RetryIn);
}
