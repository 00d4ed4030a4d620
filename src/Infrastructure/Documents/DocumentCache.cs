using EventAgents.Application.Documents;
using EventAgents.Domain.Documents;
using EventAgents.Infrastructure.Caching;

namespace EventAgents.Infrastructure.Documents;

/// <summary>
/// Documents by (tenant, collection, id) in the <see cref="ReadCache"/>, under their stream: a write on this instance stores
/// the new state (its commit has raised the stream's floor), so this instance never serves a version older than one it acknowledged;
/// another instance's write is seen once its notification arrives (or the entry expires, if the notification is lost).
/// </summary>
internal sealed class DocumentCache(ReadCache cache) : IDocumentCache
{
    private const string Kind = "document";

    public ValueTask<DocumentDto?> GetOrLoadAsync(
        Guid tenantId, string collection, string id, Func<CancellationToken, Task<DocumentDto?>> load, CancellationToken cancellationToken) =>
        cache.GetOrLoadAsync(
            Key(tenantId, collection, id), load, static (load, ct) => load(ct),
            static document => (document?.Version ?? 0, SizeOf(document)), cancellationToken);

    public DocumentDto? PeekCurrent(Guid tenantId, string collection, string id) =>
        cache.TryGet(Key(tenantId, collection, id), out DocumentDto? cached) ? cached : null;

    public ValueTask WrittenAsync(Guid tenantId, string collection, string id, DocumentDto? document, long version, CancellationToken cancellationToken)
    {
        // The stream's floor is already raised: GroupCommitAppender does it for every append it commits.
        cache.Set(Key(tenantId, collection, id), cache.StampFor(tenantId), version, document, SizeOf(document));
        return ValueTask.CompletedTask;
    }

    private static ReadCacheKey Key(Guid tenantId, string collection, string id) => new(tenantId, DocumentId.StreamOf(collection, id), Kind);

    public static long SizeOf(DocumentDto? document) =>
        document is null ? 0 : document.Data.ByteCount + 2L * (document.Id.Length + document.Collection.Length) + 136;
}
