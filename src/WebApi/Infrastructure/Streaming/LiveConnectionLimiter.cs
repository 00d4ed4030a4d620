using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace EventAgents.WebApi.Infrastructure.Streaming;

/// <summary>Caps the live (SSE) connections one client holds on this instance (<c>Events__MaxLiveConnectionsPerClient</c>).</summary>
public sealed class LiveConnectionLimiter(IOptions<LiveEventsOptions> options)
{
    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);
    private readonly int _maxPerClient = options.Value.MaxLiveConnectionsPerClient;

    /// <summary>A lease to dispose when the connection ends, or null when the client is at its cap.</summary>
    public IDisposable? TryAcquire(string clientId)
    {
        var count = _open.AddOrUpdate(clientId, 1, (_, current) => current + 1);
        if (count <= _maxPerClient)
        {
            return new Lease(this, clientId);
        }

        Release(clientId);
        return null;
    }

    private void Release(string clientId)
    {
        var remaining = _open.AddOrUpdate(clientId, 0, (_, current) => current - 1);
        if (remaining <= 0)
        {
            _open.TryRemove(new KeyValuePair<string, int>(clientId, remaining));
        }
    }

    private sealed class Lease(LiveConnectionLimiter owner, string clientId) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Release(clientId);
            }
        }
    }
}
