using EventAgents.Domain.Agents;

namespace EventAgents.Application.Agents;

/// <summary>The caller's tenant's agents (deleted ones are invisible).</summary>
public interface IAgentRepository
{
    /// <summary>
    /// Adds the agent with its tool secret unless the tenant already has <paramref name="maxPerTenant"/>
    /// (<see cref="Common.Exceptions.QuotaExceededException"/>).
    /// </summary>
    Task AddAsync(Agent agent, string toolSecret, int maxPerTenant, CancellationToken cancellationToken);

    /// <summary>Replaces the agent's tool secret; false when the tenant has no such agent.</summary>
    Task<bool> ReplaceToolSecretAsync(Guid agentId, string toolSecret, CancellationToken cancellationToken);

    Task<Agent?> FindAsync(Guid agentId, CancellationToken cancellationToken);

    /// <summary>Agents ordered by id (creation order), strictly after <paramref name="afterId"/>.</summary>
    Task<IReadOnlyList<Agent>> ListAsync(Guid? afterId, int limit, CancellationToken cancellationToken);

    /// <summary>Saves changes to tracked agents; a taken name becomes a 409.</summary>
    Task SaveChangesAsync(CancellationToken cancellationToken);
}
