using EventAgents.Application.Agents;
using EventAgents.Application.Common.Exceptions;
using EventAgents.Application.Common.Quotas;
using EventAgents.Domain.Agents;
using EventAgents.Infrastructure.Persistence;
using EventAgents.Infrastructure.Persistence.Configurations;
using EventAgents.Infrastructure.Secrets;
using Microsoft.EntityFrameworkCore;

namespace EventAgents.Infrastructure.Agents;

internal sealed class AgentRepository(EventAgentsDbContext db, SecretProtector secrets) : IAgentRepository
{
    public async Task AddAsync(Agent agent, string toolSecret, int maxPerTenant, CancellationToken cancellationToken)
    {
        // The tenant's agent creations take turns, so concurrent creates cannot both pass the count.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var lockKey = "agents:" + agent.TenantId.ToString("N");
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({lockKey}, 0))", cancellationToken);
        if (await db.Agents.CountAsync(a => a.DeletedAt == null, cancellationToken) >= maxPerTenant)
        {
            throw QuotaErrors.Agents(maxPerTenant);
        }

        db.Agents.Add(agent).Property<string?>(AgentConfiguration.ToolSecretProperty).CurrentValue = secrets.Protect(toolSecret);
        await SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<bool> ReplaceToolSecretAsync(Guid agentId, string toolSecret, CancellationToken cancellationToken)
    {
        var stored = secrets.Protect(toolSecret);
        return await db.Agents.Where(a => a.Id == agentId && a.DeletedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(a => EF.Property<string?>(a, AgentConfiguration.ToolSecretProperty), stored), cancellationToken) == 1;
    }

    public Task<Agent?> FindAsync(Guid agentId, CancellationToken cancellationToken) =>
        db.Agents.FirstOrDefaultAsync(a => a.Id == agentId && a.DeletedAt == null, cancellationToken);

    public async Task<IReadOnlyList<Agent>> ListAsync(Guid? afterId, int limit, CancellationToken cancellationToken)
    {
        var query = db.Agents.AsNoTracking().Where(a => a.DeletedAt == null);
        if (afterId is { } after)
        {
            query = query.Where(a => a.Id.CompareTo(after) > 0);
        }

        return await query.OrderBy(a => a.Id).Take(limit).ToListAsync(cancellationToken);
    }

    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesTranslatedAsync(cancellationToken);
        }
        catch (UniqueKeyViolationException ex) when (ex.ConstraintName == AgentErrors.NameIndex)
        {
            var name = db.ChangeTracker.Entries<Agent>().Select(e => e.Entity.Name).FirstOrDefault() ?? string.Empty;
            throw AgentErrors.NameTaken(name);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new PreconditionFailedException("The agent changed while it was being updated.", null);
        }
    }
}
