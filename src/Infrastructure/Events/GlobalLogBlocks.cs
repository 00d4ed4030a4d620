using EventAgents.Application.Common.Json;
using EventAgents.Application.Events;
using EventAgents.Infrastructure.Caching;
using EventAgents.Infrastructure.Persistence;
using Npgsql;

namespace EventAgents.Infrastructure.Events;

/// <summary>
/// The tenant's global log in fixed blocks of positions, cached whole. Positions are taken under the tenant's lock and
/// committed in order, so a block that ends at or below the head (the last committed position) gains no events: appends need
/// no invalidation, on this instance or any other (docs/adr/0012). Only an erasure or the scavenger rewrites the log below
/// the head; they move the tenant's generation (<see cref="Rewritten"/>, here and through the notification elsewhere), and a
/// block is cached under the generation read before it was loaded, so nothing loaded before a rewrite is served after it.
/// </summary>
internal sealed class GlobalLogBlocks(ReadCache cache)
{
    /// <summary>Positions per block: a page of the default size spans one or two.</summary>
    public const int Size = 256;

    private const string Kind = "log-block";

    // Not a stream id: stream ids never start with '$'.
    private const string LogScope = "$log";

    private const string BlockSql =
        $"SELECT {EventRows.Columns} FROM es_events e WHERE e.tenant_id = $1 AND e.position > $2 AND e.position <= $3 ORDER BY e.position";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, int> _generations = new();

    public bool Enabled => cache.Enabled;

    /// <summary>The tenant's log changed below its head (an erasure, the scavenger): its cached blocks are not served again.</summary>
    public void Rewritten(Guid tenantId) => _generations.AddOrUpdate(tenantId, 1, static (_, generation) => generation + 1);

    /// <summary>Rewrites may have gone unnoticed (the notification connection dropped): no cached block is served again.</summary>
    public void RewrittenAnywhere() => Interlocked.Increment(ref _everyTenant);

    private int _everyTenant;

    // Both counters only grow, so their sum does too: a key of an older generation never comes back.
    private int GenerationOf(Guid tenantId) => Volatile.Read(ref _everyTenant) + _generations.GetValueOrDefault(tenantId);

    /// <summary>The last position of the last complete block at or below <paramref name="head"/>.</summary>
    public static long CompleteUpTo(long head) => head / Size * Size;

    /// <summary>The events of the block holding <paramref name="position"/> + 1; only for blocks that end at or below the head.</summary>
    /// <param name="source">The database whose head the block ends at or below (a replica's blocks are complete up to its own head).</param>
    public async ValueTask<IReadOnlyList<EventDto>> GetAsync(NpgsqlDataSource source, Guid tenantId, long position, CancellationToken cancellationToken)
    {
        var index = position / Size;
        // The key's Limit slot holds the generation: a block has no limit of its own.
        var key = new ReadCacheKey(tenantId, LogScope, Kind, index, GenerationOf(tenantId));
        if (cache.TryGetImmutable(key, out List<EventDto>? cached))
        {
            return cached!;
        }

        var events = new List<EventDto>(Size);
        // A block is kept for a while: its events share one string per stream id and type, and one empty metadata object.
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        long bytes = 64 + 8L * Size;
        await using (var command = source.CreateCommand(BlockSql))
        {
            command.Add<Guid>(tenantId);
            command.Add<long>(index * Size);
            command.Add<long>((index + 1) * Size);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var read = EventRows.Read(reader);
                var @event = read with
                {
                    StreamId = Shared(read.StreamId),
                    Type = Shared(read.Type),
                    Metadata = read.Metadata.Utf8.SequenceEqual(RawJson.EmptyObject.Utf8) ? RawJson.EmptyObject : read.Metadata,
                };
                events.Add(@event);
                bytes += EventOverheadBytes + @event.Data.ByteCount + (@event.Metadata == RawJson.EmptyObject ? 0 : @event.Metadata.ByteCount + 24);
            }
        }

        cache.SetImmutable(key, events, bytes);
        return events;

        string Shared(string name)
        {
            if (names.TryGetValue(name, out var kept))
            {
                return kept;
            }

            names[name] = name;
            bytes += 2L * name.Length + 48;
            return name;
        }
    }

    /// <summary>An event's object, its data array's header and its list slot.</summary>
    private const int EventOverheadBytes = 120;
}
