using EventAgents.Application.Tenants;
using EventAgents.Domain.Tenants;
using EventAgents.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EventAgents.Infrastructure.Tenants;

internal sealed class TenantRepository(EventAgentsDbContext db) : ITenantRepository
{
    public async Task AddAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        db.Tenants.Add(tenant);
        await db.SaveChangesTranslatedAsync(cancellationToken);
    }

    public Task<Tenant?> FindAsync(Guid tenantId, CancellationToken cancellationToken) =>
        db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tenantId, cancellationToken);

    public async Task<IReadOnlyList<Tenant>> ListAsync(Guid? afterId, int limit, CancellationToken cancellationToken)
    {
        var query = db.Tenants.AsNoTracking();
        if (afterId is { } after)
        {
            query = query.Where(t => t.Id.CompareTo(after) > 0);
        }

        return await query.OrderBy(t => t.Id).Take(limit).ToListAsync(cancellationToken);
    }
}
