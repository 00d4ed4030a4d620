using System.Text.Json;
using EventAgents.Application.Common.Json;
using EventAgents.Application.Common.Security;
using EventAgents.Application.Events;
using EventAgents.Domain.Documents;
using Mediator;

namespace EventAgents.Application.Documents.Queries.GetDocument;

public sealed class GetDocumentQueryHandler(IDocumentStore store, IDocumentCache cache, IEventStore events, ICurrentPrincipal principal)
    : IQueryHandler<GetDocumentQuery, DocumentDto>
{
    private const int PageSize = 1000;

    public async ValueTask<DocumentDto> Handle(GetDocumentQuery query, CancellationToken cancellationToken)
    {
        var tenantId = principal.TenantId;
        var document = query.Version is { } version
            ? await RebuildAsync(tenantId, query.Collection, query.Id, version, cancellationToken)
            : await cache.GetOrLoadAsync(tenantId, query.Collection, query.Id, ct => store.GetAsync(tenantId, query.Collection, query.Id, ct), cancellationToken);
        return document ?? throw DocumentWriter.NotFound(query.Collection, query.Id);
    }

    /// <summary>Folds the document's events up to <paramref name="version"/>; null when it did not exist then.</summary>
    private async Task<DocumentDto?> RebuildAsync(Guid tenantId, string collection, string id, long version, CancellationToken cancellationToken)
    {
        var stream = DocumentId.StreamOf(collection, id);
        DocumentDto? state = null;
        long applied = 0;
        while (applied < version)
        {
            var limit = (int)Math.Min(PageSize, version - applied);
            var page = await events.ReadStreamAsync(tenantId, stream, applied + 1, ReadDirection.Forward, limit, cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var @event in page)
            {
                state = Apply(state, collection, id, @event);
                applied = @event.Version;
            }
        }

        return applied == version ? state : null;
    }

    private static DocumentDto? Apply(DocumentDto? state, string collection, string id, EventDto @event)
    {
        if (@event.Type == DocumentEventTypes.Deleted)
        {
            return null;
        }

        using var payload = JsonDocument.Parse(@event.Data.Json);
        var data = new RawJson(payload.RootElement.GetProperty("data").GetRawText());
        var createdAt = state is null || @event.Type == DocumentEventTypes.Created ? @event.CreatedAt : state.CreatedAt;
        return new DocumentDto(id, collection, @event.Version, data, createdAt, @event.CreatedAt);
    }
}
