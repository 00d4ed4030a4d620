using EventAgents.Domain.Agents;

namespace EventAgents.Infrastructure.Agents.Runs;

/// <summary>A run this instance holds the lease of. Every write for it is fenced on <see cref="LeaseToken"/>.</summary>
internal sealed record ClaimedRun(
    Guid Id,
    Guid TenantId,
    Guid AgentId,
    AgentSettings Agent,
    IReadOnlyList<string> Scopes,
    string InputJson,
    int Attempt,
    int FailedAttempts,
    int MaxAttempts,
    Guid LeaseToken,
    TimeSpan TimeLeft,
    int CausationDepth,
    int StepCount,
    string? ConversationJson = null,
    string? RequiredActionJson = null)
{
    /// <summary>The run paused before and was answered: it goes on from its stored conversation.</summary>
    public bool IsResumed => ConversationJson is not null;

    /// <summary>Started by an event (its causation depth is the event's plus one) rather than through the API (depth 0).</summary>
    public bool IsTriggered => CausationDepth > 0;

    /// <summary>What every fenced write for this attempt needs.</summary>
    public RunLease Lease { get; } = new(Id, TenantId, AgentId, Attempt, LeaseToken, CausationDepth, RunStatus.Running, StepCount);
}
