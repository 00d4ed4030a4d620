using System.Collections.Concurrent;
using EventAgents.Application.Auth;
using EventAgents.Application.Clients;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EventAgents.Infrastructure.Identity;

/// <summary>
/// Caches whether a client is active for <see cref="AuthOptions.ClientStatusCacheSeconds"/>, so validating a token
/// costs no database round trip on the hot path while a revocation still takes effect everywhere within that time.
/// Concurrent misses for one client share one lookup: a burst of a client's first requests (they are authenticated before
/// admission control) must not open a database connection each.
/// </summary>
internal sealed class ClientStatusCache(IMemoryCache cache, IServiceScopeFactory scopes, IOptions<AuthOptions> options)
    : IClientStatusCache
{
    private readonly ConcurrentDictionary<string, Lazy<Task<ClientStatus>>> _lookups = new(StringComparer.Ordinal);

    private enum ClientStatus
    {
        Unknown,
        Active,
        Revoked,
    }

    public async ValueTask<bool> IsActiveAsync(string clientId, CancellationToken cancellationToken) =>
        await StatusAsync(clientId, cancellationToken) == ClientStatus.Active;

    public async ValueTask<bool> IsRevokedAsync(string clientId, CancellationToken cancellationToken) =>
        await StatusAsync(clientId, cancellationToken) == ClientStatus.Revoked;

    private async ValueTask<ClientStatus> StatusAsync(string clientId, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(Key(clientId), out ClientStatus status))
        {
            return status;
        }

        var lookup = _lookups.GetOrAdd(clientId, id => new Lazy<Task<ClientStatus>>(() => LookUpAsync(id)));
        return await lookup.Value.WaitAsync(cancellationToken);
    }

    public void Invalidate(string clientId) => cache.Remove(Key(clientId));

    private async Task<ClientStatus> LookUpAsync(string clientId)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            // Shared by every waiting request, so no single caller's cancellation may end it.
            var client = await scope.ServiceProvider.GetRequiredService<IApiClientRepository>().FindAsync(clientId, CancellationToken.None);
            var status = client is null ? ClientStatus.Unknown : client.IsRevoked ? ClientStatus.Revoked : ClientStatus.Active;
            cache.Set(Key(clientId), status, TimeSpan.FromSeconds(options.Value.ClientStatusCacheSeconds));
            return status;
        }
        finally
        {
            _lookups.TryRemove(clientId, out _);
        }
    }

    private static string Key(string clientId) => "client-status:" + clientId;
}
