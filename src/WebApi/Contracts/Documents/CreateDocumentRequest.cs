using System.Text.Json;

namespace EventAgents.WebApi.Contracts.Documents;

/// <summary>A new document.</summary>
/// <param name="Id">1–200 characters of [A-Za-z0-9._:-]; a UUIDv7 is made when absent.</param>
/// <param name="Data">The document, a JSON object.</param>
public sealed record CreateDocumentRequest(string? Id, JsonElement Data);
