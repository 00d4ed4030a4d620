namespace EventAgents.Application.Documents;

/// <summary>
/// One change of a document: the event to append to its stream and the new projected state (null = deleted),
/// written in one transaction and only if the stream is still at <see cref="ExpectedStreamVersion"/>. <see cref="SchemaVersion"/>
/// is the version of the collection's schema the new state was checked against (null: none).
/// </summary>
public sealed record DocumentChange(
    string Collection, string Id, long ExpectedStreamVersion, Guid EventId, string EventType, string EventDataJson, string MetadataJson,
    string? NewDataJson, int? SchemaVersion = null);
