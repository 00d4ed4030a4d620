using Mediator;

namespace EventAgents.Application.Clients.Queries.ListClientSecrets;

public sealed class ListClientSecretsQueryHandler(IApiClientRepository clients, TimeProvider clock) : IQueryHandler<ListClientSecretsQuery, ClientSecretsResult>
{
    public async ValueTask<ClientSecretsResult> Handle(ListClientSecretsQuery query, CancellationToken cancellationToken)
    {
        var client = await clients.FindOfTenantAsync(query.TenantId, query.ClientId, cancellationToken);
        var now = clock.GetUtcNow();
        return new ClientSecretsResult(client.Secrets.OrderByDescending(s => s.CreatedAt).Select(s => ClientSecretDto.Of(s, now)).ToList());
    }
}
