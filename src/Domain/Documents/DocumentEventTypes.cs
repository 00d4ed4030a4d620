namespace EventAgents.Domain.Documents;

/// <summary>The events of a document's stream; stable names partners subscribe to.</summary>
public static class DocumentEventTypes
{
    public const string Created = "document.created";
    public const string Replaced = "document.replaced";
    public const string Patched = "document.patched";
    public const string Deleted = "document.deleted";
}
