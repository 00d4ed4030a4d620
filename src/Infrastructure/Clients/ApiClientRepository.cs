using EventAgents.Application.Clients;
using EventAgents.Domain.Clients;
using EventAgents.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EventAgents.Infrastructure.Clients;

internal sealed class ApiClientRepository(EventAgentsDbContext db) : IApiClientRepository
{
    public async Task AddAsync(ApiClient client, CancellationToken cancellationToken)
    {
        db.ApiClients.Add(client);
        await db.SaveChangesTranslatedAsync(cancellationToken);
    }

    public Task<ApiClient?> FindAsync(string clientId, CancellationToken cancellationToken) =>
        db.ApiClients.FirstOrDefaultAsync(c => c.ClientId == clientId, cancellationToken);

    public async Task<IReadOnlyList<ApiClient>> ListByTenantAsync(
        Guid tenantId, string? afterClientId, int limit, CancellationToken cancellationToken)
    {
        var query = db.ApiClients.AsNoTracking().Where(c => c.TenantId == tenantId);
        if (afterClientId is not null)
        {
            query = query.Where(c => string.Compare(c.ClientId, afterClientId) > 0);
        }

        return await query.OrderBy(c => c.ClientId).Take(limit).ToListAsync(cancellationToken);
    }

    public Task SaveChangesAsync(CancellationToken cancellationToken) => db.SaveChangesTranslatedAsync(cancellationToken);
}
