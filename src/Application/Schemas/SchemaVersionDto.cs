using EventAgents.Application.Common.Json;

namespace EventAgents.Application.Schemas;

/// <summary>One immutable version of a subject's JSON Schema.</summary>
public sealed record SchemaVersionDto(string Subject, int Version, RawJson Schema, DateTimeOffset CreatedAt);
