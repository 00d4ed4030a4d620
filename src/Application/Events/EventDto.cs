using EventAgents.Application.Common.Json;

namespace EventAgents.Application.Events;

/// <summary>A stored event.</summary>
public sealed record EventDto(
    Guid EventId, string StreamId, long Version, long Position, string Type, RawJson Data, RawJson Metadata, DateTimeOffset CreatedAt);
