using EventAgents.Application.Common.Exceptions;
using EventAgents.Application.Common.Paging;
using EventAgents.Application.Tenants;
using Mediator;

namespace EventAgents.Application.Clients.Queries.ListClients;

public sealed class ListClientsQueryHandler(ITenantRepository tenants, IApiClientRepository clients)
    : IQueryHandler<ListClientsQuery, Page<ClientDto>>
{
    public async ValueTask<Page<ClientDto>> Handle(ListClientsQuery query, CancellationToken cancellationToken)
    {
        _ = await tenants.FindAsync(query.TenantId, cancellationToken)
            ?? throw new NotFoundException("Tenant", query.TenantId.ToString());
        var scope = "clients:" + query.TenantId.ToString("N");
        var after = query.Cursor is null ? null : CursorCodec.Decode<string>(query.Cursor, scope);
        var rows = await clients.ListByTenantAsync(query.TenantId, after, query.Limit + 1, cancellationToken);
        return PageBuilder.ToPage(rows, query.Limit, c => c.ToDto(), c => c.ClientId, scope);
    }
}
