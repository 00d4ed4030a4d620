using System.Text.Json;

namespace EventAgents.Application.Common.Json;

public static class JsonDefaults
{
    /// <summary>
    /// camelCase, as the API writes JSON; a union's discriminator (<c>kind</c>) may come anywhere in an object, as jsonb stores
    /// keys in an order of its own.
    /// </summary>
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { AllowOutOfOrderMetadataProperties = true };

    /// <summary>
    /// Nesting allowed when reading JSON the service stored: request bodies are limited to 64 levels, and stored events wrap
    /// them in a few levels of their own (a document.patched event holds the patch and the document under "data").
    /// </summary>
    public const int StoredMaxDepth = 128;

    public static readonly JsonDocumentOptions Stored = new() { MaxDepth = StoredMaxDepth };
}
