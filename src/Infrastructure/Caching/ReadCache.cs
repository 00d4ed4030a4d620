using EventAgents.Application.Common.Consistency;
using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace EventAgents.Infrastructure.Caching;

/// <summary>
/// The short-lived cache of reads that fit event sourcing: every entry belongs to one stream and records the stream version
/// it shows. An entry is served only while nothing newer is known:
/// <list type="bullet">
/// <item>this instance's commits raise the stream's floor at once (<see cref="Committed"/>), so an entry below it is reloaded;</item>
/// <item>another instance's commit advances the tenant's generation when its notification arrives (<see cref="ChangedElsewhere"/>),
/// so every entry of that tenant loaded before is reloaded — one notification round after that commit;</item>
/// <item>a lost notification is bounded by the entry lifetime; a lost listener connection clears everything.</item>
/// </list>
/// A read that spans many streams (a collection query) has a <em>scope</em> instead of a stream: its entry records the
/// cache's change tick taken before the load, and every commit of this instance that touches the scope raises the scope's floor
/// to a new tick (<see cref="Changed"/>). Reads of what can never change (the global log below its head) are kept with
/// <see cref="SetImmutable"/> and need none of this.
/// Bounded in bytes (<see cref="ReadCacheOptions.MaxBytes"/>), not entries: each entry says its approximate size.
/// </summary>
internal sealed class ReadCache : IDisposable
{
    private readonly MemoryCache _entries;
    private readonly MemoryCache _immutable;
    private readonly MemoryCache _floors = new(new MemoryCacheOptions());
    private readonly ConcurrentDictionary<Guid, long> _generations = new();
    private readonly TimeSpan _lifetime;

    // What a replica served may be up to the lag bound old when it is loaded, and (stored after a notification it predates)
    // would not be dropped by that notification: it is kept no longer than the lag bound, so it is at most twice that old.
    private readonly TimeSpan _replicaLifetime;
    private readonly TimeSpan _floorLifetime;
    private long _clears;
    private long _ticks;

    public ReadCache(IOptions<ReadCacheOptions> options, IOptions<Persistence.Replicas.ReplicaOptions> replicas)
    {
        var settings = options.Value;
        _lifetime = TimeSpan.FromSeconds(settings.Seconds);
        _replicaLifetime = TimeSpan.FromMilliseconds(Math.Min(_lifetime.TotalMilliseconds, replicas.Value.MaxReplicaLagMilliseconds));
        // A floor outlives every entry loaded before it was raised, so dropping it can never let a stale entry through.
        _floorLifetime = _lifetime * 2 + TimeSpan.FromSeconds(1);
        _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, settings.MaxBytes), CompactionPercentage = 0.25 });
        _immutable = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, settings.MaxLogBytes), CompactionPercentage = 0.25 });
    }

    public bool Enabled => _lifetime > TimeSpan.Zero;

    /// <summary>The change tick, taken before a load of a scope (<see cref="Changed"/>) and stored as its entry's version.</summary>
    public long Tick => Volatile.Read(ref _ticks);

    /// <summary>Taken before a load starts: an entry stored with an older stamp than the tenant's current one is never served.</summary>
    public Stamp StampFor(Guid tenantId) => new(Volatile.Read(ref _clears), _generations.GetValueOrDefault(tenantId));

    public bool TryGet<T>(ReadCacheKey key, out T? value)
        where T : class
    {
        if (Enabled && ReadConsistency.Required is null && _entries.TryGetValue(key, out Entry? entry) && entry is not null
            && entry.Stamp == StampFor(key.TenantId)
            && entry.Version >= Floor(key.TenantId, key.StreamId))
        {
            value = (T?)entry.Value;
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>
    /// The cached value, or the loaded one, stored when <paramref name="describe"/> gives its stream version and size (null:
    /// not kept). The stamp is taken before the load, so a load that raced a change elsewhere is not kept.
    /// </summary>
    public async ValueTask<T?> GetOrLoadAsync<TState, T>(
        ReadCacheKey key, TState state, Func<TState, CancellationToken, Task<T?>> load, Func<T?, (long Version, long SizeBytes)?> describe,
        CancellationToken cancellationToken)
        where T : class
    {
        if (TryGet(key, out T? cached))
        {
            return cached;
        }

        var stamp = StampFor(key.TenantId);
        var loaded = await load(state, cancellationToken);
        if (describe(loaded) is { } entry)
        {
            Set(key, stamp, entry.Version, loaded, entry.SizeBytes);
        }

        return loaded;
    }

    /// <param name="version">The stream version the value shows (0 when the stream has no events, or when unknown).</param>
    /// <param name="sizeBytes">Approximately what the value holds in memory.</param>
    public void Set<T>(ReadCacheKey key, Stamp stamp, long version, T? value, long sizeBytes)
        where T : class
    {
        var lifetime = ReadConsistency.ServedByReplica ? _replicaLifetime : _lifetime;
        if (!Enabled || stamp != StampFor(key.TenantId) || lifetime <= TimeSpan.Zero)
        {
            return;
        }

        _entries.Set(key, new Entry(value, stamp, version), new MemoryCacheEntryOptions
        {
            AbsoluteExpirationRelativeToNow = lifetime,
            Size = sizeBytes + EntryOverheadBytes,
        });
    }

    /// <summary>This instance committed <paramref name="version"/> of the stream (or is about to): older entries are stale.</summary>
    public void Committed(Guid tenantId, string streamId, long version)
    {
        if (!Enabled)
        {
            return;
        }

        var key = new FloorKey(tenantId, streamId);
        if (!_floors.TryGetValue(key, out long floor) || floor < version)
        {
            _floors.Set(key, version, _floorLifetime);
        }
    }

    /// <summary>This instance committed (or is about to) a change within <paramref name="scope"/>: reads of it loaded before are stale.</summary>
    public void Changed(Guid tenantId, string scope)
    {
        if (Enabled)
        {
            Committed(tenantId, scope, Interlocked.Increment(ref _ticks));
        }
    }

    /// <summary>
    /// A value that can never change (e.g. events below the log's head): no stamp, no floor, only its own byte bound
    /// (<see cref="ReadCacheOptions.MaxLogBytes"/>) and the lifetime.
    /// </summary>
    public bool TryGetImmutable<T>(ReadCacheKey key, out T? value)
        where T : class
    {
        if (Enabled && _immutable.TryGetValue(key, out T? kept))
        {
            value = kept;
            return true;
        }

        value = null;
        return false;
    }

    /// <inheritdoc cref="TryGetImmutable{T}"/>
    public void SetImmutable<T>(ReadCacheKey key, T value, long sizeBytes)
        where T : class
    {
        if (Enabled)
        {
            _immutable.Set(key, value, new MemoryCacheEntryOptions
            {
                AbsoluteExpirationRelativeToNow = _lifetime,
                Size = sizeBytes + EntryOverheadBytes,
            });
        }
    }

    /// <summary>Another instance committed something in the tenant: nothing of it cached before now is served again.</summary>
    public void ChangedElsewhere(Guid tenantId) => _generations.AddOrUpdate(tenantId, 1, static (_, generation) => generation + 1);

    /// <summary>Changes may have gone unnoticed (the notification connection dropped): nothing cached before now is served again.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _clears);
        _entries.Clear();
    }

    public void Dispose()
    {
        _entries.Dispose();
        _immutable.Dispose();
        _floors.Dispose();
    }

    private const long EntryOverheadBytes = 160;

    private long Floor(Guid tenantId, string streamId) =>
        _floors.TryGetValue(new FloorKey(tenantId, streamId), out long floor) ? floor : long.MinValue;

    public readonly record struct Stamp(long Clears, long Generation);

    private sealed record Entry(object? Value, Stamp Stamp, long Version);

    private readonly record struct FloorKey(Guid TenantId, string StreamId);
}

/// <summary>
/// What a cached read is of: the tenant, the stream whose version it shows (or the scope whose changes it follows), and what
/// else tells reads of it apart (<paramref name="Kind"/> is compared by value: a string, or a record such as a query).
/// </summary>
internal readonly record struct ReadCacheKey(Guid TenantId, string StreamId, object Kind, long From = 0, int Limit = 0);
