using EventAgents.Application.Common.Paging;
using EventAgents.Application.Common.Security;
using Mediator;

namespace EventAgents.Application.Events.Queries.ListStreams;

public sealed class ListStreamsQueryHandler(IEventStore store, ICurrentPrincipal principal)
    : IQueryHandler<ListStreamsQuery, Page<StreamDto>>
{
    public async ValueTask<Page<StreamDto>> Handle(ListStreamsQuery query, CancellationToken cancellationToken)
    {
        // Cursors are bound to the tenant and the prefix they were issued for.
        var scope = $"streams:{principal.TenantId:N}:{query.Prefix}";
        var after = query.Cursor is null ? null : CursorCodec.Decode<string>(query.Cursor, scope);
        var rows = await store.ListStreamsAsync(
            principal.TenantId, query.Prefix, after, StreamAccess.HiddenFrom(principal), query.Limit + 1, cancellationToken);
        return PageBuilder.ToPage(rows, query.Limit, s => s, s => s.StreamId, scope);
    }
}
