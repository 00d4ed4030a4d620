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
    int CausationDepth)
{
    /// <summary>Started by an event (its causation depth is the event's plus one) rather than through the API (depth 0).</summary>
    public bool IsTriggered => CausationDepth > 0;

    /// <summary>What every fenced write for this attempt needs.</summary>
    public RunLease Lease { get; } = new(Id, TenantId, AgentId, Attempt, LeaseToken, CausationDepth);
}

/// <summary>One attempt's hold on a run: the token its writes are fenced on, and what its lifecycle events carry.</summary>
internal sealed record RunLease(Guid Id, Guid TenantId, Guid AgentId, int Attempt, Guid LeaseToken, int CausationDepth)
{
    public string Metadata => RunSql.Metadata(Id, AgentId, CausationDepth);
}

/// <summary>A step to record: a model call or a tool call, with its kind-specific detail and tokens spent.</summary>
internal sealed record RunStep(string Kind, string Status, string DetailJson, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, long InputTokens, long OutputTokens);
