using EventAgents.Application.Common.Json;
using EventAgents.Application.Common.Paging;
using EventAgents.Application.Common.Quotas;
using EventAgents.Application.Events;
using EventAgents.Application.Events.Exceptions;
using EventAgents.Domain.Events;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace EventAgents.Infrastructure.Events;

/// <summary>
/// The event store on PostgreSQL with hand-written, parameterized SQL: an append is one call of the es_append function
/// (one round trip, autocommit), reads stream the JSON payloads through as text. Every statement binds the tenant id.
/// </summary>
internal sealed class PostgresEventStore(
    NpgsqlDataSource dataSource, GroupCommitAppender appender, Telemetry.EventAgentsMetrics metrics, IOptions<QuotaOptions> quotas,
    IOptions<PageOptions> paging) : IEventStore
{
    /// <summary>es_append's SQLSTATE for an append past the tenant's storage quota.</summary>
    public const string StorageQuotaState = "EASTQ";

    private const string LastWrittenSql =
        "SELECT created_at FROM es_events WHERE tenant_id = $1 AND stream_id = $2 AND version <= $3 AND event_type = $4 " +
        "ORDER BY version DESC LIMIT 1";

    private const string EventColumns =
        "e.event_id, e.stream_id, e.version, e.position, e.event_type, e.data::text, e.metadata::text, e.created_at";

    private const string AppendSql =
        "SELECT out_event_id, out_version, out_position, out_replayed FROM es_append($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";

    private const string GetStreamSql =
        "SELECT stream_id, version, created_at, updated_at FROM es_streams WHERE tenant_id = $1 AND stream_id = $2";

    private const string ReadStreamForwardSql =
        $"SELECT {EventColumns} FROM es_events e WHERE e.tenant_id = $1 AND e.stream_id = $2 AND e.version >= $3 ORDER BY e.version LIMIT $4";

    private const string ReadStreamBackwardSql =
        $"SELECT {EventColumns} FROM es_events e WHERE e.tenant_id = $1 AND e.stream_id = $2 AND e.version <= $3 ORDER BY e.version DESC LIMIT $4";

    private const string ListStreamsSql =
        "SELECT stream_id, version, created_at, updated_at FROM es_streams WHERE tenant_id = $1 AND stream_id >= $2 AND stream_id < $3 " +
        "AND stream_id > $4 AND version > 0 AND NOT (stream_id LIKE ANY ($6)) ORDER BY stream_id LIMIT $5";

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
        NpgsqlParameter[] parameters =
        [
            new NpgsqlParameter<Guid> { TypedValue = tenantId },
            new NpgsqlParameter<string> { TypedValue = streamId },
            new NpgsqlParameter { Value = (object?)expectedVersion.Value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint },
            new NpgsqlParameter<Guid[]> { TypedValue = events.Select(e => e.EventId).ToArray() },
            new NpgsqlParameter<string[]> { TypedValue = events.Select(e => e.Type).ToArray() },
            new NpgsqlParameter<string[]> { TypedValue = events.Select(e => e.DataJson).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
            new NpgsqlParameter<string[]> { TypedValue = events.Select(e => e.MetadataJson).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
            new NpgsqlParameter<int> { TypedValue = quotas.Value.MaxRunsPerAppend },
            new NpgsqlParameter<int> { TypedValue = quotas.Value.MaxRunsPerTenantPerMinute },
            new NpgsqlParameter<long> { TypedValue = quotas.Value.MaxStoredBytesPerTenant },
        ];

        IReadOnlyList<object[]> rows;
        try
        {
            rows = await appender.AppendAsync(tenantId, AppendSql, parameters).WaitAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == "EAWEV")
        {
            metrics.AppendConflict();
            // Npgsql redacts DETAIL by default, so the function puts the current version at the end of its message.
            var current = long.Parse(ex.MessageText.AsSpan(ex.MessageText.LastIndexOf(' ') + 1), System.Globalization.CultureInfo.InvariantCulture);
            throw new WrongExpectedVersionException(streamId, expectedVersion.Value ?? 0, current);
        }
        catch (PostgresException ex) when (ex.SqlState == "EAIDC" || (ex.SqlState == PostgresErrorCodes.UniqueViolation && ex.ConstraintName == "ix_es_events_event_id_tenant_id"))
        {
            throw new EventIdConflictException();
        }
        catch (PostgresException ex) when (ex.SqlState == "EATRC")
        {
            throw QuotaErrors.RunsPerAppend(ex.MessageText);
        }
        catch (PostgresException ex) when (ex.SqlState == "EATRL")
        {
            throw QuotaErrors.RunsPerMinute(ex.MessageText);
        }
        catch (PostgresException ex) when (ex.SqlState == StorageQuotaState)
        {
            throw QuotaErrors.Storage(ex.MessageText);
        }

        var appended = rows.Select(r => new AppendedEvent((Guid)r[0], (long)r[1], (long)r[2])).ToList();
        var replayed = rows.Count > 0 && (bool)rows[0][3];
        if (!replayed)
        {
            metrics.EventsAppended(appended.Count);
        }

        return new AppendOutcome(streamId, appended, replayed);
    }

    public async Task<StreamDto?> GetStreamAsync(Guid tenantId, string streamId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(GetStreamSql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = tenantId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadStream(reader) : null;
    }

    public async Task<Slice<EventDto>> ReadStreamAsync(
        Guid tenantId, string streamId, long fromVersion, ReadDirection direction, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(direction == ReadDirection.Forward ? ReadStreamForwardSql : ReadStreamBackwardSql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = tenantId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = fromVersion });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var (events, truncated) = await ReadEventsAsync(reader, limit, cancellationToken);
        return new Slice<EventDto>(events, truncated);
    }

    public async Task<DateTimeOffset?> LastWrittenAsync(Guid tenantId, string streamId, string eventType, long version, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(LastWrittenSql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = tenantId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = version });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = eventType });
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime at ? new DateTimeOffset(at, TimeSpan.Zero) : null;
    }

    public async Task<(StreamDto Stream, IReadOnlyList<EventDto> Events)?> ReadStreamPageAsync(
        Guid tenantId, string streamId, long? fromVersion, ReadDirection direction, int limit, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        var stream = new NpgsqlBatchCommand(GetStreamSql);
        stream.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = tenantId });
        stream.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        batch.BatchCommands.Add(stream);
        var page = new NpgsqlBatchCommand(direction == ReadDirection.Forward ? ReadStreamForwardSql : ReadStreamBackwardSql);
        page.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = tenantId });
        page.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        page.Parameters.Add(new NpgsqlParameter<long> { TypedValue = fromVersion ?? (direction == ReadDirection.Forward ? 1 : long.MaxValue) });
        page.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        batch.BatchCommands.Add(page);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var info = ReadStream(reader);
        await reader.NextResultAsync(cancellationToken);
        return (info, (await ReadEventsAsync(reader, limit, cancellationToken)).Events);
    }

    public async Task<IReadOnlyList<StreamDto>> ListStreamsAsync(
        Guid tenantId, string? prefix, string? afterStreamId, IReadOnlyList<string> hiddenPrefixes, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ListStreamsSql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = tenantId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = prefix ?? string.Empty });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = (prefix ?? string.Empty) + PrefixUpperBound });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = afterStreamId ?? string.Empty });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
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
    /// The head (the tenant's last committed position) is read first, then the page, in one round trip. Because a tenant's
    /// appends commit in position order, every event at or below the head is already visible to the second statement; so
    /// when the page is not full, the reader may safely move on to the head even if filters skipped every event.
    /// </remarks>
    public async Task<GlobalLogPage> ReadAllAsync(
        Guid tenantId, long after, int limit, IReadOnlyList<string> types, string? streamPrefix, IReadOnlyList<string> hiddenPrefixes,
        CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        var head = new NpgsqlBatchCommand(HeadSql);
        head.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = tenantId });
        batch.BatchCommands.Add(head);

        var page = new NpgsqlBatchCommand(ReadAllSql);
        page.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = tenantId });
        page.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after });
        page.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = types.ToArray() });
        page.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamPrefix ?? string.Empty });
        page.Parameters.Add(new NpgsqlParameter<string> { TypedValue = (streamPrefix ?? string.Empty) + PrefixUpperBound });
        page.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit + 1 });
        page.Parameters.Add(LikePatterns(hiddenPrefixes));
        batch.BatchCommands.Add(page);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var headPosition = await reader.ReadAsync(cancellationToken) ? reader.GetInt64(0) : 0;
        await reader.NextResultAsync(cancellationToken);
        var (events, truncated) = await ReadEventsAsync(reader, limit + 1, cancellationToken);

        var hasMore = events.Count > limit;
        if (hasMore || truncated)
        {
            if (hasMore)
            {
                events.RemoveAt(events.Count - 1);
            }

            return new GlobalLogPage(events, events[^1].Position, true);
        }

        var lastShown = events.Count > 0 ? events[^1].Position : after;
        return new GlobalLogPage(events, Math.Max(lastShown, Math.Max(after, headPosition)), false);
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

            var @event = ReadEvent(reader);
            bytes += @event.Data.Json.Length + @event.Metadata.Json.Length;
            events.Add(@event);
        }

        return (events, false);
    }

    /// <summary>LIKE patterns for stream id prefixes (system prefixes hold no LIKE wildcards).</summary>
    private static NpgsqlParameter<string[]> LikePatterns(IReadOnlyList<string> prefixes) =>
        new() { TypedValue = prefixes.Select(prefix => prefix + "%").ToArray() };

    private static EventDto ReadEvent(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetString(1),
        reader.GetInt64(2),
        reader.GetInt64(3),
        reader.GetString(4),
        new RawJson(reader.GetString(5)),
        new RawJson(reader.GetString(6)),
        reader.GetFieldValue<DateTimeOffset>(7));

    private static StreamDto ReadStream(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(3));
}
