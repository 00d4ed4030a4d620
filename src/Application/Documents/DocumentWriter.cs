using System.Text.Json;
using EventAgents.Application.Common.Exceptions;
using EventAgents.Application.Common.Security;
using EventAgents.Application.Events;
using EventAgents.Application.Events.Exceptions;
using EventAgents.Domain.Documents;
using EventAgents.Domain.Common;

namespace EventAgents.Application.Documents;

/// <summary>
/// The write loop shared by every document command: load the current state, check the preconditions, let the command's
/// decision (<see cref="DocumentDecisions"/>) say what happens, then write it only if nobody changed the document meanwhile
/// (the stream's expected version). A concurrent change makes it start over with the fresh state, so preconditions and
/// refusals are always judged against what is really stored.
/// </summary>
public sealed class DocumentWriter(
    IDocumentStore store, IDocumentCache cache, ICurrentPrincipal principal, EventMetadata metadata, Schemas.SchemaEnforcement schemas, TimeProvider clock)
{
    private const int MaxAttempts = 10;

    /// <param name="schemaVersion">The version of the collection's schema the new data is checked against (default: the latest).</param>
    public async Task<DocumentWriteResult> WriteAsync(
        string collection, string id, Preconditions preconditions, Func<DocumentDto?, DocumentDecision> decide, CancellationToken cancellationToken,
        int? schemaVersion = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            // The first attempt decides on the cached state when this instance has it (a document's version is its stream's):
            // the write's expected version makes a stale one a conflict, and the next attempt reads what is stored. A refusal
            // (a failed precondition, "exists", "not found") is only ever judged against what is stored.
            var cached = attempt == 1 ? cache.PeekCurrent(principal.TenantId, collection, id) : null;
            var (snapshot, decision) = cached is not null && TryDecide(new DocumentSnapshot(cached, cached.Version), preconditions, decide) is { } onCache
                ? onCache
                : Decide(collection, id, await store.LoadAsync(principal.TenantId, collection, id, cancellationToken), preconditions, decide);
            // A merge patch is checked on its result, so on every attempt's own result.
            var newData = decision.NewData?.ToJsonString();
            var stamp = newData is null
                ? null
                : await schemas.CheckAsync(Domain.Schemas.SchemaSubject.ForCollection(collection), newData, schemaVersion, "/data", cancellationToken);
            var change = new DocumentChange(
                collection, id, snapshot.StreamVersion, Guid.CreateVersion7(clock.GetUtcNow()), decision.EventType,
                decision.EventData.ToJsonString(), metadata.For(null, stamp), newData, stamp?.Version);
            try
            {
                var written = await store.WriteAsync(principal.TenantId, change, cancellationToken);
                await cache.WrittenAsync(principal.TenantId, collection, id, written, snapshot.StreamVersion + 1, cancellationToken);
                return new DocumentWriteResult(written, snapshot.Current is null && written is not null);
            }
            catch (WrongExpectedVersionException) when (attempt < MaxAttempts)
            {
                // Someone else wrote first (or the cached state was behind): decide again on what is stored, after a short
                // random pause to spread retries when it was a real race.
                if (cached is null)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 4 * attempt)), clock, cancellationToken);
                }
            }
            catch (WrongExpectedVersionException)
            {
                throw new ConflictException(
                    "concurrent-modification", "Concurrent modification", "The document kept changing while this write was attempted; retry it.");
            }
        }
    }

    private static (DocumentSnapshot Snapshot, DocumentDecision Decision) Decide(
        string collection, string id, DocumentSnapshot snapshot, Preconditions preconditions, Func<DocumentDto?, DocumentDecision> decide)
    {
        var currentVersion = snapshot.Current?.Version;
        if (!preconditions.HoldFor(currentVersion))
        {
            throw new PreconditionFailedException(
                currentVersion is null ? "The document does not exist." : $"The document is at version {currentVersion}.", currentVersion);
        }

        var decision = decide(snapshot.Current);
        return decision.Refusal switch
        {
            DocumentRefusal.None => (snapshot, decision),
            DocumentRefusal.Exists => throw new ConflictException(
                "document-exists", "Document exists", $"Document '{id}' already exists in '{collection}'."),
            _ => throw NotFound(collection, id),
        };
    }

    /// <summary>The decision on a cached snapshot, or null when it would be a refusal (to be judged on what is stored).</summary>
    private static (DocumentSnapshot Snapshot, DocumentDecision Decision)? TryDecide(
        DocumentSnapshot snapshot, Preconditions preconditions, Func<DocumentDto?, DocumentDecision> decide)
    {
        if (!preconditions.HoldFor(snapshot.Current?.Version))
        {
            return null;
        }

        var decision = decide(snapshot.Current);
        return decision.IsRefused ? null : (snapshot, decision);
    }

    /// <summary>The document's data as a JSON object node, for merging.</summary>
    public static System.Text.Json.Nodes.JsonObject DataOf(DocumentDto document) =>
        System.Text.Json.Nodes.JsonNode.Parse(document.Data.Utf8, documentOptions: Common.Json.JsonDefaults.Stored) as System.Text.Json.Nodes.JsonObject
            ?? throw new InvalidOperationException("Stored document data is not an object.");

    public static NotFoundException NotFound(string collection, string id) => new("Document", $"{collection}/{id}");

    public static System.Text.Json.Nodes.JsonObject ObjectOf(JsonElement element) =>
        System.Text.Json.Nodes.JsonObject.Create(element) ?? [];
}
