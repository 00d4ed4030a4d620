using EventAgents.Application.Common.Paging;
using Mediator;

namespace EventAgents.Application.Tenants.Queries.ListTenants;

public sealed class ListTenantsQueryHandler(ITenantRepository tenants) : IQueryHandler<ListTenantsQuery, Page<TenantDto>>
{
    private const string CursorScope = "tenants";

    public async ValueTask<Page<TenantDto>> Handle(ListTenantsQuery query, CancellationToken cancellationToken)
    {
        Guid? after = query.Cursor is null ? null : CursorCodec.Decode<Guid>(query.Cursor, CursorScope);
        var rows = await tenants.ListAsync(after, query.Limit + 1, cancellationToken);
        return PageBuilder.ToPage(rows, query.Limit, t => t.ToDto(), t => t.Id, CursorScope);
    }
}
