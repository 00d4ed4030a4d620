using System.Text.Json;

namespace EventAgents.WebApi.Contracts.Schemas;

/// <summary>A candidate schema.</summary>
/// <param name="Schema">A JSON Schema (draft 2020-12) object, standalone: no <c>$id</c> and only local <c>$ref</c>s; at most 64 KiB.</param>
public sealed record SchemaRequest(JsonElement Schema);
