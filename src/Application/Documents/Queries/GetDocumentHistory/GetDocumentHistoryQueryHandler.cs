using EventAgents.Application.Common.Paging;
using EventAgents.Application.Common.Security;
using EventAgents.Application.Events;
using EventAgents.Domain.Documents;
using Mediator;

namespace EventAgents.Application.Documents.Queries.GetDocumentHistory;

/// <summary>A document's events, oldest first; readable after a delete.</summary>
public sealed class GetDocumentHistoryQueryHandler(IEventStore events, ICurrentPrincipal principal)
    : IQueryHandler<GetDocumentHistoryQuery, Page<EventDto>>
{
    public async ValueTask<Page<EventDto>> Handle(GetDocumentHistoryQuery query, CancellationToken cancellationToken)
    {
        var stream = DocumentId.StreamOf(query.Collection, query.Id);
        var scope = $"history:{principal.TenantId:N}:{stream}";
        var afterVersion = query.Cursor is null ? 0 : CursorCodec.Decode<long>(query.Cursor, scope);
        var rows = await events.ReadStreamAsync(principal.TenantId, stream, afterVersion + 1, ReadDirection.Forward, query.Limit + 1, cancellationToken);
        if (rows.Items.Count == 0 && afterVersion == 0)
        {
            throw DocumentWriter.NotFound(query.Collection, query.Id);
        }

        return PageBuilder.ToPage(rows.Items, query.Limit, e => e, e => e.Version, scope, rows.Truncated);
    }
}
