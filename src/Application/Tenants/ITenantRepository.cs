using EventAgents.Domain.Tenants;

namespace EventAgents.Application.Tenants;

public interface ITenantRepository
{
    Task AddAsync(Tenant tenant, CancellationToken cancellationToken);

    Task<Tenant?> FindAsync(Guid tenantId, CancellationToken cancellationToken);

    /// <summary>Tenants ordered by id (time-ordered UUIDv7), strictly after <paramref name="afterId"/>.</summary>
    Task<IReadOnlyList<Tenant>> ListAsync(Guid? afterId, int limit, CancellationToken cancellationToken);
}
