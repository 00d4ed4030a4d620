using System.Text.Json;
using System.Text.Json.Nodes;
using EventAgents.Domain.Common;

namespace EventAgents.Domain.Documents;

/// <summary>
/// What each change does to a document, given whether it exists now (a deleted document does not). Every change that goes
/// ahead is one event whose data carries the document's full state after it, so history and time travel read one event:
/// <list type="bullet">
/// <item><b>Create</b> (POST): <c>document.created</c> with the data; refused when the document exists.</item>
/// <item><b>Replace</b> (PUT): <c>document.replaced</c> with the data, or <c>document.created</c> when there is none — a PUT on
/// a deleted document creates it again, continuing its stream.</item>
/// <item><b>Patch</b> (JSON merge patch): <c>document.patched</c> with the patch and the merged data; refused (not found) when
/// there is no document, deleted ones included — a merge patch needs something to merge into.</item>
/// <item><b>Delete</b>: <c>document.deleted</c>, no data; refused (not found) when there is no document. Its history stays.</item>
/// </list>
/// The HTTP preconditions (<see cref="Preconditions"/>) are checked before any of these.
/// </summary>
public static class DocumentDecisions
{
    public static DocumentDecision Create(bool exists, JsonObject data) =>
        exists ? DocumentDecision.Refused(DocumentRefusal.Exists) : WithState(DocumentEventTypes.Created, data);

    public static DocumentDecision Replace(bool exists, JsonObject data) =>
        WithState(exists ? DocumentEventTypes.Replaced : DocumentEventTypes.Created, data);

    /// <param name="current">The document's data now; null when it does not exist.</param>
    /// <param name="patch">A JSON merge patch (RFC 7396).</param>
    public static DocumentDecision Patch(JsonObject? current, JsonObject patch)
    {
        if (current is null)
        {
            return DocumentDecision.Refused(DocumentRefusal.NotFound);
        }

        var patched = (JsonObject)JsonMergePatch.Apply(current, patch)!;
        return new DocumentDecision(DocumentEventTypes.Patched, new() { ["patch"] = patch.DeepClone(), ["data"] = patched.DeepClone() }, patched);
    }

    public static DocumentDecision Delete(bool exists) =>
        exists ? new DocumentDecision(DocumentEventTypes.Deleted, [], null) : DocumentDecision.Refused(DocumentRefusal.NotFound);

    /// <summary>
    /// The document's data after one of its events (the fold of history and time travel): the state the event carries, or
    /// none after a delete.
    /// </summary>
    public static JsonElement? StateAfter(string eventType, JsonElement eventData) =>
        eventType == DocumentEventTypes.Deleted ? null : eventData.GetProperty("data");

    private static DocumentDecision WithState(string eventType, JsonObject data) =>
        new(eventType, new() { ["data"] = data.DeepClone() }, data);
}
