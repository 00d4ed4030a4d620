using Mediator;

namespace EventAgents.Application.Clients.Queries.GetClient;

public sealed class GetClientQueryHandler(IApiClientRepository clients) : IQueryHandler<GetClientQuery, ClientDto>
{
    public async ValueTask<ClientDto> Handle(GetClientQuery query, CancellationToken cancellationToken) =>
        (await clients.FindOfTenantAsync(query.TenantId, query.ClientId, cancellationToken)).ToDto();
}
