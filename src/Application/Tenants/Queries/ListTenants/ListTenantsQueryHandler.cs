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
        var items = rows.Take(query.Limit).Select(t => t.ToDto()).ToList();
        var next = rows.Count > query.Limit ? CursorCodec.Encode(items[^1].Id, CursorScope) : null;
        return new Page<TenantDto>(items, next);
    }
}
