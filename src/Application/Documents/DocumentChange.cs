namespace EventAgents.Application.Documents;

/// <summary>
/// One change of a document: the event to append to its stream and the new projected state (null = deleted),
/// written in one transaction and only if the stream is still at <see cref="ExpectedStreamVersion"/>.
/// </summary>
public sealed record DocumentChange(
    string Collection, string Id, long ExpectedStreamVersion, Guid EventId, string EventType, string EventDataJson, string MetadataJson, string? NewDataJson);

/// <summary>A document as loaded for a write: its current state (null when absent or deleted) and its stream's version.</summary>
public sealed record DocumentSnapshot(DocumentDto? Current, long StreamVersion);

/// <summary>A query over a collection: equality filters on top-level fields, keyset paging.</summary>
public sealed record DocumentQuery(
    string Collection, string? WhereJson, DocumentOrder OrderBy, bool Descending, DocumentCursor? After, int Limit);

public enum DocumentOrder
{
    CreatedAt,
    UpdatedAt,
    Id,
}

/// <summary>The sort key of the last document of a page.</summary>
public sealed record DocumentCursor(DateTimeOffset? At, string Id);
