namespace EventAgents.Infrastructure.Agents.Runs;

/// <summary>
/// One attempt's hold on a run: the token its writes are fenced on, the status it last knew the run in (the one its next
/// decision starts from), the number of its last step, and what its lifecycle events carry.
/// </summary>
internal sealed class RunLease(Guid id, Guid tenantId, Guid agentId, int attempt, Guid leaseToken, int causationDepth, string status, int steps)
{
    private int _steps = steps;

    public Guid Id { get; } = id;

    public Guid TenantId { get; } = tenantId;

    public Guid AgentId { get; } = agentId;

    public int Attempt { get; } = attempt;

    public Guid LeaseToken { get; } = leaseToken;

    public int CausationDepth { get; } = causationDepth;

    /// <summary>running, or cancelling once the holder has seen a cancel.</summary>
    public string Status { get; set; } = status;

    public string Metadata => RunSql.Metadata(Id, AgentId, CausationDepth);

    /// <summary>
    /// The attempt's last model step (its final answer), written together with the end of the attempt: one statement and one
    /// append of two events instead of two. Any other write of the attempt writes it first, so steps keep their order.
    /// </summary>
    public RunStep? DeferredStep { get; set; }

    /// <summary>The number of the next step (steps are numbered across the run's attempts).</summary>
    public int NextStep() => Interlocked.Increment(ref _steps);
}
