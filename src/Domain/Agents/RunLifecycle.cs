namespace EventAgents.Domain.Agents;

/// <summary>
/// A run's state machine: which status may follow which, and what each event in a run's life leads to. The infrastructure
/// stores these decisions with writes fenced on the status they were decided on (and on the attempt's lease), so a decision
/// taken on a status that changed meanwhile is never stored: it is taken again on the new one.
/// <code>
/// queued ──claim──▶ running ──end of attempt──▶ succeeded | failed | timed_out
///   │                 │  ├──retry / release──▶ queued
///   │                 │  └──pause──▶ requires_action ──all answered──▶ queued
///   │                 │                   ├──cancel──▶ cancelled
///   │                 │                   └──action timeout──▶ failed
///   │                 └──cancel──▶ cancelling ──end of attempt──▶ cancelled
///   └──cancel──▶ cancelled
/// </code>
/// A paused run (requires_action) holds no worker and no lease: its conversation and waiting calls are stored, and the
/// answers (<see cref="RequiredActions"/>) queue it again once every call has one.
/// A run started by an event carries that event's causation depth plus one; an event at <see cref="MaxCausationDepth"/> or
/// deeper, or written by the agent's own run, wakes no agent (the loop guard).
/// </summary>
public static class RunLifecycle
{
    /// <summary>Events caused by runs this deep (run → event → run …) trigger nothing more.</summary>
    public const int MaxCausationDepth = 5;

    private static readonly HashSet<(string From, string To)> Allowed =
    [
        (RunStatus.Queued, RunStatus.Running),
        (RunStatus.Queued, RunStatus.Cancelled),
        (RunStatus.Running, RunStatus.Succeeded),
        (RunStatus.Running, RunStatus.Failed),
        (RunStatus.Running, RunStatus.TimedOut),
        (RunStatus.Running, RunStatus.Queued),
        (RunStatus.Running, RunStatus.Cancelling),
        (RunStatus.Cancelling, RunStatus.Cancelled),
        (RunStatus.Running, RunStatus.RequiresAction),
        (RunStatus.RequiresAction, RunStatus.Queued),
        (RunStatus.RequiresAction, RunStatus.Cancelled),
        (RunStatus.RequiresAction, RunStatus.Failed),
    ];

    /// <summary>Every allowed change of status.</summary>
    public static IReadOnlyCollection<(string From, string To)> Transitions => Allowed;

    public static bool IsAllowed(string from, string to) => Allowed.Contains((from, to));

    /// <summary>
    /// The status an attempt leaves its run in: what the attempt came to (succeeded, failed, timed out, queued again), unless a
    /// cancel was asked for while it ran, which always ends the run cancelled.
    /// </summary>
    /// <param name="current">The run's status now: running or cancelling.</param>
    /// <param name="attemptOutcome">succeeded, failed, timed_out, cancelled, queued for a retry or a release, or requires_action (paused).</param>
    public static string EndOfAttempt(string current, string attemptOutcome)
    {
        if (attemptOutcome is not (RunStatus.Succeeded or RunStatus.Failed or RunStatus.TimedOut or RunStatus.Queued or RunStatus.Cancelled
            or RunStatus.RequiresAction))
        {
            throw new ArgumentOutOfRangeException(nameof(attemptOutcome), attemptOutcome, "Not what an attempt can come to.");
        }

        var next = current == RunStatus.Cancelling ? RunStatus.Cancelled : attemptOutcome;
        return IsAllowed(current, next)
            ? next
            : throw new InvalidOperationException($"A run that is {current} cannot become {next}.");
    }

    /// <summary>
    /// What a cancel does: a queued or paused run is cancelled at once, a running one is asked to stop; null when there is
    /// nothing to cancel.
    /// </summary>
    public static string? Cancel(string current) => current switch
    {
        RunStatus.Queued or RunStatus.RequiresAction => RunStatus.Cancelled,
        RunStatus.Running => RunStatus.Cancelling,
        _ => null,
    };

    /// <summary>What answering the last waiting call does to a paused run: it is queued to go on.</summary>
    public static string Resume(string current) => IsAllowed(current, RunStatus.Queued) && current == RunStatus.RequiresAction
        ? RunStatus.Queued
        : throw new InvalidOperationException($"A run that is {current} is not paused.");

    /// <summary>A paused run whose calls were not all answered in time fails (action-timeout).</summary>
    public static string ActionTimedOut(string current) => current == RunStatus.RequiresAction
        ? RunStatus.Failed
        : throw new InvalidOperationException($"A run that is {current} is not paused.");

    /// <summary>Whether an event with this causation wakes <paramref name="agentId"/> (the loop guard).</summary>
    /// <param name="causationDepth">The causation depth of the event (0 when no run caused it).</param>
    /// <param name="causingAgentId">The agent whose run wrote the event, if a run did.</param>
    /// <param name="agentId">The agent the event would wake.</param>
    public static bool MayTrigger(int causationDepth, Guid? causingAgentId, Guid agentId) =>
        causationDepth < MaxCausationDepth && causingAgentId != agentId;
}
