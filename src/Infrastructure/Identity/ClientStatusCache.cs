using EventAgents.Application.Clients;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EventAgents.Infrastructure.Identity;

/// <summary>
/// Caches whether a client is active for <see cref="AuthOptions.ClientStatusCacheSeconds"/>, so validating a token
/// costs no database round trip on the hot path while a revocation still takes effect everywhere within that time.
/// </summary>
internal sealed class ClientStatusCache(IMemoryCache cache, IServiceScopeFactory scopes, IOptions<AuthOptions> options)
    : IClientStatusCache
{
    public async ValueTask<bool> IsActiveAsync(string clientId, CancellationToken cancellationToken)
    {
        var key = Key(clientId);
        if (cache.TryGetValue(key, out bool active))
        {
            return active;
        }

        await using var scope = scopes.CreateAsyncScope();
        var client = await scope.ServiceProvider.GetRequiredService<IApiClientRepository>().FindAsync(clientId, cancellationToken);
        active = client is { IsRevoked: false };
        cache.Set(key, active, TimeSpan.FromSeconds(options.Value.ClientStatusCacheSeconds));
        return active;
    }

    public void Invalidate(string clientId) => cache.Remove(Key(clientId));

    private static string Key(string clientId) => "client-status:" + clientId;
}
