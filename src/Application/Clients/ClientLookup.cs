using EventAgents.Application.Common.Exceptions;
using EventAgents.Domain.Clients;

namespace EventAgents.Application.Clients;

public static class ClientLookup
{
    /// <summary>The tenant's client; 404 when it does not exist or belongs to another tenant (the two look the same).</summary>
    public static async Task<ApiClient> FindOfTenantAsync(this IApiClientRepository clients, Guid tenantId, string clientId, CancellationToken cancellationToken)
    {
        var client = await clients.FindAsync(clientId, cancellationToken);
        return client is not null && client.TenantId == tenantId ? client : throw new NotFoundException("Client", clientId);
    }
}
