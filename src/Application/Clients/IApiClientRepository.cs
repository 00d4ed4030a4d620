using EventAgents.Domain.Clients;

namespace EventAgents.Application.Clients;

public interface IApiClientRepository
{
    Task AddAsync(ApiClient client, CancellationToken cancellationToken);

    Task<ApiClient?> FindAsync(string clientId, CancellationToken cancellationToken);

    /// <summary>A tenant's clients ordered by client id (time-ordered), strictly after <paramref name="afterClientId"/>.</summary>
    Task<IReadOnlyList<ApiClient>> ListByTenantAsync(Guid tenantId, string? afterClientId, int limit, CancellationToken cancellationToken);

    Task SaveChangesAsync(CancellationToken cancellationToken);
}
