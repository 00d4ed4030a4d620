using EventAgents.Application.Documents;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;

namespace EventAgents.Infrastructure.Documents;

/// <summary>
/// HybridCache of documents by (tenant, collection, id). Each write on this instance stores the new state and a "floor"
/// version; a cached entry below the floor (a read that raced the write) is ignored and reloaded, so this instance never
/// serves a version older than one it acknowledged. Other instances see the change once their entry expires.
/// </summary>
internal sealed class DocumentCache(HybridCache cache, IMemoryCache floors, IConfiguration configuration) : IDocumentCache
{
    private readonly TimeSpan _lifetime = TimeSpan.FromSeconds(configuration.GetValue("Documents:CacheSeconds", 5.0));
    private HybridCacheEntryOptions? _options;

    public async ValueTask<DocumentDto?> GetOrLoadAsync(
        Guid tenantId, string collection, string id, Func<CancellationToken, Task<DocumentDto?>> load, CancellationToken cancellationToken)
    {
        if (_lifetime <= TimeSpan.Zero)
        {
            return await load(cancellationToken);
        }

        var key = Key(tenantId, collection, id);
        var cached = await cache.GetOrCreateAsync(
            key, load, static async (load, ct) => await load(ct), Options, cancellationToken: cancellationToken);
        if (floors.TryGetValue(key, out long floor) && (cached is null || cached.Version < floor))
        {
            var fresh = await load(cancellationToken);
            await cache.SetAsync(key, fresh, Options, cancellationToken: cancellationToken);
            return fresh;
        }

        return cached;
    }

    public async ValueTask WrittenAsync(Guid tenantId, string collection, string id, DocumentDto? document, long version, CancellationToken cancellationToken)
    {
        if (_lifetime <= TimeSpan.Zero)
        {
            return;
        }

        var key = Key(tenantId, collection, id);
        floors.Set(key, version, _lifetime * 2);
        await cache.SetAsync(key, document, Options, cancellationToken: cancellationToken);
    }

    private HybridCacheEntryOptions Options => _options ??= new() { Expiration = _lifetime, LocalCacheExpiration = _lifetime };

    private static string Key(Guid tenantId, string collection, string id) => $"doc:{tenantId:N}:{collection}:{id}";
}
