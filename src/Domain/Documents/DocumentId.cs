namespace EventAgents.Domain.Documents;

/// <summary>A document's id within its collection: 1–200 characters of <c>[A-Za-z0-9._:-]</c>.</summary>
public static class DocumentId
{
    public const int MaxLength = 200;

    public static bool IsValid(string? value) =>
        !string.IsNullOrEmpty(value)
        && value.Length <= MaxLength
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-');

    /// <summary>The system stream that holds a document's events.</summary>
    public static string StreamOf(string collection, string id) => Events.SystemStreams.DocumentPrefix + collection + ":" + id;
}
