namespace EventAgents.Application.Events;

/// <summary>One event of an append, ready for the store: id decided, payloads as JSON object text.</summary>
public sealed record EventToAppend(Guid EventId, string Type, string DataJson, string MetadataJson);
