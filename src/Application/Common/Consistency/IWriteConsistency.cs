namespace EventAgents.Application.Common.Consistency;

/// <summary>Hands a write its consistency token, once it committed (only when reads may be served by replicas).</summary>
public interface IWriteConsistency
{
    bool Enabled { get; }

    /// <summary>A token at or after everything committed before this call; null when the primary cannot be asked now.</summary>
    Task<ConsistencyToken?> AfterCommitAsync(CancellationToken cancellationToken);
}
