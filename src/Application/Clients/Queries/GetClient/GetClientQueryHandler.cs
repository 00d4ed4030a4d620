using EventAgents.Application.Common.Exceptions;
using Mediator;

namespace EventAgents.Application.Clients.Queries.GetClient;

public sealed class GetClientQueryHandler(IApiClientRepository clients) : IQueryHandler<GetClientQuery, ClientDto>
{
    public async ValueTask<ClientDto> Handle(GetClientQuery query, CancellationToken cancellationToken)
    {
        var client = await clients.FindAsync(query.ClientId, cancellationToken);
        return client is not null && client.TenantId == query.TenantId
            ? client.ToDto()
            : throw new NotFoundException("Client", query.ClientId);
    }
}
