using EventAgents.Application.Common.Json;

namespace EventAgents.Application.Documents;

/// <summary>A document's current state.</summary>
public sealed record DocumentDto(
    string Id, string Collection, long Version, RawJson Data, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
