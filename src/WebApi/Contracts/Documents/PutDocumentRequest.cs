using System.Text.Json;

namespace EventAgents.WebApi.Contracts.Documents;

/// <summary>The full new content of a document.</summary>
/// <param name="Data">The document, a JSON object.</param>
public sealed record PutDocumentRequest(JsonElement Data);
