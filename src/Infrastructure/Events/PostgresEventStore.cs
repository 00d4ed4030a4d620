using EventAgents.Application.Common.Json;
using EventAgents.Application.Common.Paging;
using EventAgents.Application.Events;
using EventAgents.Domain.Events;
using EventAgents.Infrastructure.Caching;
using EventAgents.Infrastructure.Events.Appending;
using EventAgents.Infrastructure.Persistence;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace EventAgents.Infrastructure.Events;

/// <summary>
/// The event store on PostgreSQL with hand-written, parameterized SQL: an append is group-committed with the tenant's
/// other writes (GroupCommitAppender, es_append_group), reads stream the JSON payloads through as text. Every statement binds the tenant id.
/// </summary>
internal sealed class PostgresEventStore(
    Persistence.Replicas.ReadRouter reads, GroupCommitAppender appender, Telemetry.EventAgentsMetrics metrics, IOptions<PageOptions> paging, ReadCache cache,
    GlobalLogBlocks logBlocks)
    : IEventStore
{
    private const string PageKind = "stream-page";

    private const string LastWrittenSql =
        "SELECT created_at FROM es_events WHERE tenant_id = $1 AND stream_id = $2 AND version <= $3 AND event_type = $4 " +
        "ORDER BY version DESC LIMIT 1";

    private const string EventColumns = EventRows.Columns;

    // A soft-deleted or erased stream (StreamDeletions) is hidden until an append moves its version past the one it was
    // deleted at (an erased one never moves).
    private const string Visible = "deleted_at_version IS DISTINCT FROM version";

    private const string StreamEvents =
        "FROM es_streams s JOIN es_events e ON e.tenant_id = s.tenant_id AND e.stream_id = s.stream_id WHERE s.tenant_id = $1 AND s.stream_id = $2";

    private const string GetStreamSql =
        $"SELECT stream_id, version, created_at, updated_at, max_age_seconds FROM es_streams WHERE tenant_id = $1 AND stream_id = $2 AND {Visible}";

    private const string ReadStreamForwardSql =
        $"SELECT {EventColumns} {StreamEvents} AND e.version >= greatest($3, {StreamStates.RetainedFrom}) AND {StreamStates.RetainedSince} ORDER BY e.version LIMIT $4";

    private const string ReadStreamBackwardSql =
        $"SELECT {EventColumns} {StreamEvents} AND e.version <= $3 AND e.version >= {StreamStates.RetainedFrom} AND {StreamStates.RetainedSince} ORDER BY e.version DESC LIMIT $4";

    private const string ListStreamsSql =
        "SELECT stream_id, version, created_at, updated_at FROM es_streams WHERE tenant_id = $1 AND stream_id >= $2 AND stream_id < $3 " +
        $"AND stream_id > $4 AND version > 0 AND {Visible} AND NOT (stream_id LIKE ANY ($6)) ORDER BY stream_id LIMIT $5";

    private const string HeadSql = "SELECT last_position FROM es_tenant_logs WHERE tenant_id = $1";

    private const string ReadAllSql =
        $"SELECT {EventColumns} FROM es_events e WHERE e.tenant_id = $1 AND e.position > $2 " +
        "AND (cardinality($3::text[]) = 0 OR e.event_type = ANY ($3)) AND e.stream_id >= $4 AND e.stream_id < $5 " +
        "AND NOT (e.stream_id LIKE ANY ($7)) ORDER BY e.position LIMIT $6";

    // Stream ids only use ASCII characters below '~', so [prefix, prefix + "~") is exactly the ids starting with prefix
    // under the C collation, and the range is served by the primary-key index.
    private const string PrefixUpperBound = "~";

    public async Task<AppendOutcome> AppendAsync(
        Guid tenantId, string streamId, ExpectedVersion expectedVersion, IReadOnlyList<EventToAppend> events, CancellationToken cancellationToken)
    {
        var request = new AppendRequest(streamId, expectedVersion.Value, events);
        var result = await appender.AppendAsync(tenantId, request).WaitAsync(cancellationToken);
        if (result.Status == AppendStatus.WrongExpectedVersion)
        {
            metrics.AppendConflict();
        }

        var appended = result.EventsOrThrow(request).Select(static e => e.ToAppended()).ToList();
        var replayed = result.Status == AppendStatus.Replayed;
        if (!replayed)
        {
            metrics.EventsAppended(appended.Count);
        }

        return new AppendOutcome(streamId, appended, replayed);
    }

    public async Task<StreamDto?> GetStreamAsync(Guid tenantId, string streamId, CancellationToken cancellationToken)
    {
        await using var command = (await reads.SourceAsync(cancellationToken)).CreateCommand(GetStreamSql);
        command.Add<Guid>(tenantId);
        command.Add<string>(streamId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadStream(reader) : null;
    }

    public async Task<Slice<EventDto>> ReadStreamAsync(
        Guid tenantId, string streamId, long fromVersion, ReadDirection direction, int limit, CancellationToken cancellationToken)
    {
        await using var command = (await reads.SourceAsync(cancellationToken)).CreateCommand(direction == ReadDirection.Forward ? ReadStreamForwardSql : ReadStreamBackwardSql);
        command.Add<Guid>(tenantId);
        command.Add<string>(streamId);
        command.Add<long>(fromVersion);
        command.Add<int>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var (events, truncated) = await ReadEventsAsync(reader, limit, cancellationToken);
        return new Slice<EventDto>(events, truncated);
    }

    public async Task<DateTimeOffset?> LastWrittenAsync(Guid tenantId, string streamId, string eventType, long version, CancellationToken cancellationToken)
    {
        await using var command = (await reads.SourceAsync(cancellationToken)).CreateCommand(LastWrittenSql);
        command.Add<Guid>(tenantId);
        command.Add<string>(streamId);
        command.Add<long>(version);
        command.Add<string>(eventType);
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime at ? new DateTimeOffset(at, TimeSpan.Zero) : null;
    }

    public async Task<(StreamDto Stream, IReadOnlyList<EventDto> Events)?> ReadStreamPageAsync(
        Guid tenantId, string streamId, long? fromVersion, ReadDirection direction, int limit, CancellationToken cancellationToken)
    {
        // Events below a stream's version never change, so a page stays true until the stream grows: cached under the stream
        // (ReadCache), for the streams only appends through GroupCommitAppender write. Run and webhook streams also get
        // events inside other transactions (run lifecycle, trigger fan-out, a subscription's disable), so they are read each time.
        var read = (Store: this, tenantId, streamId, fromVersion, direction, limit);
        var page = streamId.StartsWith(SystemStreams.RunPrefix, StringComparison.Ordinal) || streamId.StartsWith(SystemStreams.WebhookPrefix, StringComparison.Ordinal)
            ? await LoadStreamPageAsync(tenantId, streamId, fromVersion, direction, limit, cancellationToken)
            : await cache.GetOrLoadAsync(
                new ReadCacheKey(tenantId, streamId, PageKind, direction == ReadDirection.Forward ? fromVersion ?? 1 : -(fromVersion ?? long.MaxValue), limit),
                read,
                static (read, ct) => read.Store.LoadStreamPageAsync(read.tenantId, read.streamId, read.fromVersion, read.direction, read.limit, ct),
                static page => page is null ? null : (page.Stream.Version, StreamPage.SizeOf(page.Events)),
                cancellationToken);
        return page is null ? null : (page.Stream, page.RetainedAt(DateTimeOffset.UtcNow));
    }

    private async Task<StreamPage?> LoadStreamPageAsync(
        Guid tenantId, string streamId, long? fromVersion, ReadDirection direction, int limit, CancellationToken cancellationToken)
    {
        await using var batch = (await reads.SourceAsync(cancellationToken)).CreateBatch();
        var stream = new NpgsqlBatchCommand(GetStreamSql);
        stream.Add<Guid>(tenantId);
        stream.Add<string>(streamId);
        batch.BatchCommands.Add(stream);
        var page = new NpgsqlBatchCommand(direction == ReadDirection.Forward ? ReadStreamForwardSql : ReadStreamBackwardSql);
        page.Add<Guid>(tenantId);
        page.Add<string>(streamId);
        page.Add<long>(fromVersion ?? (direction == ReadDirection.Forward ? 1 : long.MaxValue));
        page.Add<int>(limit);
        batch.BatchCommands.Add(page);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var info = ReadStream(reader);
        TimeSpan? maxAge = reader.IsDBNull(4) ? null : TimeSpan.FromSeconds(reader.GetInt64(4));
        await reader.NextResultAsync(cancellationToken);
        return new StreamPage(info, (await ReadEventsAsync(reader, limit, cancellationToken)).Events, maxAge);
    }

    public async Task<IReadOnlyList<StreamDto>> ListStreamsAsync(
        Guid tenantId, string? prefix, string? afterStreamId, IReadOnlyList<string> hiddenPrefixes, int limit, CancellationToken cancellationToken)
    {
        await using var command = (await reads.SourceAsync(cancellationToken)).CreateCommand(ListStreamsSql);
        command.Add<Guid>(tenantId);
        command.Add<string>(prefix ?? string.Empty);
        command.Add<string>((prefix ?? string.Empty) + PrefixUpperBound);
        command.Add<string>(afterStreamId ?? string.Empty);
        command.Add<int>(limit);
        command.Parameters.Add(LikePatterns(hiddenPrefixes));
        var streams = new List<StreamDto>(Math.Min(limit, 256));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            streams.Add(ReadStream(reader));
        }

        return streams;
    }

    /// <remarks>
    /// The head (the tenant's last committed position) is read first, then the events. Because a tenant's appends commit in
    /// position order, every event at or below the head is already visible to what is read after it; so when the page is not
    /// full, the reader may safely move on to the head even if filters skipped every event. Pages without type or prefix
    /// filters come from cached blocks of the log below the head (<see cref="GlobalLogBlocks"/>); the database gives the rest.
    /// </remarks>
    public async Task<GlobalLogPage> ReadAllAsync(
        Guid tenantId, long after, int limit, IReadOnlyList<string> types, string? streamPrefix, IReadOnlyList<string> hiddenPrefixes,
        CancellationToken cancellationToken)
    {
        // One source for the whole page: blocks are complete up to the head of the database they were read from. A replica
        // that has not reached the reader's own position yet would make it step back: the primary answers instead.
        var source = await reads.SourceAsync(cancellationToken);
        var page = new LogPageCollector(limit, paging.Value.MaxPageBytes);
        if (!logBlocks.Enabled || types.Count > 0 || streamPrefix is not null)
        {
            var read = await ReadAllFromDatabaseAsync(source, tenantId, after, after, types, streamPrefix, hiddenPrefixes, page, cancellationToken);
            return read.LastPosition >= after || source == reads.Primary
                ? read
                : await ReadAllFromDatabaseAsync(reads.Primary, tenantId, after, after, types, streamPrefix, hiddenPrefixes, new LogPageCollector(limit, paging.Value.MaxPageBytes), cancellationToken);
        }

        var head = await HeadAsync(source, tenantId, cancellationToken);
        if (head < after && source != reads.Primary)
        {
            source = reads.Primary;
            head = await HeadAsync(source, tenantId, cancellationToken);
        }

        var position = after;
        var complete = GlobalLogBlocks.CompleteUpTo(head);
        for (var blocks = 0; position < complete && blocks < MaxBlocksPerPage; blocks++)
        {
            foreach (var @event in await logBlocks.GetAsync(source, tenantId, position, cancellationToken))
            {
                if (@event.Position > position && !IsHidden(@event.StreamId, hiddenPrefixes) && !page.TryAdd(@event))
                {
                    return page.Page(after, head);
                }
            }

            position = (position / GlobalLogBlocks.Size + 1) * GlobalLogBlocks.Size;
        }

        // The block at the head is still filling (or the page has scanned as many blocks as one page may): the rest is read.
        return position < head
            ? await ReadAllFromDatabaseAsync(source, tenantId, after, position, types, streamPrefix, hiddenPrefixes, page, cancellationToken)
            : page.Page(after, head);
    }

    /// <summary>Blocks one page may read from the cache before the database takes over (many hidden events in a row).</summary>
    private const int MaxBlocksPerPage = 16;

    private static bool IsHidden(string streamId, IReadOnlyList<string> hiddenPrefixes)
    {
        foreach (var prefix in hiddenPrefixes)
        {
            if (streamId.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<long> HeadAsync(NpgsqlDataSource source, Guid tenantId, CancellationToken cancellationToken)
    {
        await using var command = source.CreateCommand(HeadSql);
        command.Add<Guid>(tenantId);
        return await command.ExecuteScalarAsync(cancellationToken) is long head ? head : 0;
    }

    /// <summary>The head, then the events after <paramref name="from"/>, in one round trip; added to what the page holds.</summary>
    private static async Task<GlobalLogPage> ReadAllFromDatabaseAsync(
        NpgsqlDataSource source, Guid tenantId, long after, long from, IReadOnlyList<string> types, string? streamPrefix, IReadOnlyList<string> hiddenPrefixes,
        LogPageCollector page, CancellationToken cancellationToken)
    {
        await using var batch = source.CreateBatch();
        var head = new NpgsqlBatchCommand(HeadSql);
        head.Add<Guid>(tenantId);
        batch.BatchCommands.Add(head);

        var events = new NpgsqlBatchCommand(ReadAllSql);
        events.Add<Guid>(tenantId);
        events.Add<long>(from);
        events.Add<string[]>(types.ToArray());
        events.Add<string>(streamPrefix ?? string.Empty);
        events.Add<string>((streamPrefix ?? string.Empty) + PrefixUpperBound);
        events.Add<int>(page.Remaining);
        events.Parameters.Add(LikePatterns(hiddenPrefixes));
        batch.BatchCommands.Add(events);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var headPosition = await reader.ReadAsync(cancellationToken) ? reader.GetInt64(0) : 0;
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken) && page.TryAdd(EventRows.Read(reader)))
        {
        }

        return page.Page(after, headPosition);
    }

    /// <summary>
    /// The events of the reader's current result set, ending early (truncated) once their payloads reach the page's byte budget;
    /// the rows left unread are skipped by the reader without being materialised.
    /// </summary>
    private async Task<(List<EventDto> Events, bool Truncated)> ReadEventsAsync(NpgsqlDataReader reader, int limit, CancellationToken cancellationToken)
    {
        var events = new List<EventDto>(Math.Min(limit, 1024));
        long bytes = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            if (events.Count > 0 && bytes >= paging.Value.MaxPageBytes)
            {
                return (events, true);
            }

            var @event = EventRows.Read(reader);
            bytes += @event.Data.ByteCount + @event.Metadata.ByteCount;
            events.Add(@event);
        }

        return (events, false);
    }

    /// <summary>LIKE patterns for stream id prefixes (system prefixes hold no LIKE wildcards).</summary>
    private static NpgsqlParameter<string[]> LikePatterns(IReadOnlyList<string> prefixes) =>
        new() { TypedValue = prefixes.Select(prefix => prefix + "%").ToArray() };

    private static StreamDto ReadStream(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(3));
}
