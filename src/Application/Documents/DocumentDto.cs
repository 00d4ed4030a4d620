using System.Text.Json.Serialization;
using EventAgents.Application.Common.Json;

namespace EventAgents.Application.Documents;

/// <summary>A document's current state. Immutable, so the read cache can hand out the cached instance without copying it.</summary>
/// <param name="SchemaVersion">The version of the collection's schema this state was checked against when it was written;
/// absent when it was not checked (no schema, or enforcement off).</param>
[System.ComponentModel.ImmutableObject(true)]
public sealed record DocumentDto(
    string Id, string Collection, long Version, RawJson Data, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? SchemaVersion = null);
