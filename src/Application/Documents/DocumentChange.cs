namespace EventAgents.Application.Documents;

/// <summary>
/// One change of a document: the event to append to its stream and the new projected state (null = deleted),
/// written in one transaction and only if the stream is still at <see cref="ExpectedStreamVersion"/>.
/// </summary>
public sealed record DocumentChange(
    string Collection, string Id, long ExpectedStreamVersion, Guid EventId, string EventType, string EventDataJson, string MetadataJson, string? NewDataJson);
