using EventAgents.Application.Common.Json;

namespace EventAgents.Application.Documents;

/// <summary>A document's current state. Immutable, so the read cache can hand out the cached instance without copying it.</summary>
[System.ComponentModel.ImmutableObject(true)]
public sealed record DocumentDto(
    string Id, string Collection, long Version, RawJson Data, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
