using EventAgents.Application.Documents;
using EventAgents.Domain.Documents;
using EventAgents.Infrastructure.Caching;

namespace EventAgents.Infrastructure.Documents;

/// <summary>
/// Documents by (tenant, collection, id) in the <see cref="ReadCache"/>, under their stream: a write on this instance stores
/// the new state and raises the stream's floor, so this instance never serves a version older than one it acknowledged;
/// another instance's write is seen once its notification arrives (or the entry expires, if the notification is lost).
/// </summary>
internal sealed class DocumentCache(ReadCache cache) : IDocumentCache
{
    private const string Kind = "document";

    public async ValueTask<DocumentDto?> GetOrLoadAsync(
        Guid tenantId, string collection, string id, Func<CancellationToken, Task<DocumentDto?>> load, CancellationToken cancellationToken)
    {
        var key = Key(tenantId, collection, id);
        if (cache.TryGet(key, out DocumentDto? cached))
        {
            return cached;
        }

        var stamp = cache.StampFor(tenantId);
        var loaded = await load(cancellationToken);
        cache.Set(key, stamp, loaded?.Version ?? 0, loaded, SizeOf(loaded));
        return loaded;
    }

    public DocumentDto? PeekCurrent(Guid tenantId, string collection, string id) =>
        cache.TryGet(Key(tenantId, collection, id), out DocumentDto? cached) ? cached : null;

    public ValueTask WrittenAsync(Guid tenantId, string collection, string id, DocumentDto? document, long version, CancellationToken cancellationToken)
    {
        var key = Key(tenantId, collection, id);
        cache.Committed(tenantId, key.StreamId, version);
        cache.Set(key, cache.StampFor(tenantId), version, document, SizeOf(document));
        return ValueTask.CompletedTask;
    }

    private static ReadCacheKey Key(Guid tenantId, string collection, string id) => new(tenantId, DocumentId.StreamOf(collection, id), Kind);

    private static long SizeOf(DocumentDto? document) =>
        document is null ? 0 : 2L * (document.Data.Json.Length + document.Id.Length + document.Collection.Length) + 96;
}
