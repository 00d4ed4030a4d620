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
    public async ValueTask<DocumentDto> Handle(GetDocumentQuery query, CancellationToken cancellationToken)
    {
        var tenantId = principal.TenantId;
        var document = query.Version is { } version
            ? await AsOfAsync(tenantId, query.Collection, query.Id, version, cancellationToken)
            : await cache.GetOrLoadAsync(tenantId, query.Collection, query.Id, ct => store.GetAsync(tenantId, query.Collection, query.Id, ct), cancellationToken);
        return document ?? throw DocumentWriter.NotFound(query.Collection, query.Id);
    }

    /// <summary>
    /// The document as of <paramref name="version"/>; null when it did not exist then. Every created, replaced and patched
    /// event carries the document's full state, so this reads that one event (and when the document was last created), not
    /// every version before it.
    /// </summary>
    private async Task<DocumentDto?> AsOfAsync(Guid tenantId, string collection, string id, long version, CancellationToken cancellationToken)
    {
        var stream = DocumentId.StreamOf(collection, id);
        var slice = await events.ReadStreamAsync(tenantId, stream, version, ReadDirection.Forward, 1, cancellationToken);
        if (slice.Items is not [{ } @event] || @event.Version != version)
        {
            return null;
        }

        using var payload = JsonDocument.Parse(@event.Data.Utf8.ToArray(), JsonDefaults.Stored);
        if (DocumentDecisions.StateAfter(@event.Type, payload.RootElement) is not { } state)
        {
            return null;
        }

        var createdAt = @event.Type == DocumentEventTypes.Created
            ? @event.CreatedAt
            : await events.LastWrittenAsync(tenantId, stream, DocumentEventTypes.Created, version, cancellationToken) ?? @event.CreatedAt;
        return new DocumentDto(
            id, collection, @event.Version, new RawJson(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(state).ToArray()), createdAt,
            @event.CreatedAt, SchemaVersionOf(@event.Metadata));
    }

    /// <summary>The schema version a document event's metadata records (EventMetadata), when it was checked against one.</summary>
    private static int? SchemaVersionOf(RawJson metadata)
    {
        if (metadata.IsEmpty)
        {
            return null;
        }

        using var parsed = JsonDocument.Parse(metadata.Utf8.ToArray(), JsonDefaults.Stored);
        return parsed.RootElement.TryGetProperty("schema", out var schema) && schema.ValueKind == JsonValueKind.Object
            && schema.TryGetProperty("version", out var version) && version.TryGetInt32(out var number)
            ? number
            : null;
    }
}
