using System.Text.Json.Nodes;

namespace EventAgents.Domain.Documents;

/// <summary>
/// What a change decided: the event to record and the document's data after it (null for a delete), or why it is refused.
/// </summary>
public sealed record DocumentDecision(string EventType, JsonObject EventData, JsonObject? NewData, DocumentRefusal Refusal = DocumentRefusal.None)
{
    public bool IsRefused => Refusal != DocumentRefusal.None;

    public static DocumentDecision Refused(DocumentRefusal refusal) => new(string.Empty, [], null, refusal);
}
