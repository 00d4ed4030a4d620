using EventAgents.Domain.Events;
using EventAgents.Infrastructure.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EventAgents.Infrastructure.Events.Scavenging;

/// <summary>
/// Removes from storage what retention (<see cref="StreamRetention"/>) and soft deletes already hide from reads, as
/// KurrentDB's scavenge does. Each tick visits the least recently visited streams that have something to remove; each batch
/// is one transaction (its own commit is its progress, so a crash loses nothing and the next tick resumes), holding the
/// tenant's log lock like every other writer of es_streams. Several instances share the work: a stream another instance is
/// scavenging is skipped (a transaction-scoped advisory lock). Erased streams keep their tombstones.
/// </summary>
internal sealed class Scavenger(
    NpgsqlDataSource dataSource, GlobalLogBlocks logBlocks, EventAnnouncer announcer, Telemetry.EventAgentsMetrics metrics,
    IOptions<ScavengerOptions> options, TimeProvider clock, ILogger<Scavenger> logger) : Hosting.PeriodicWorker(clock, logger)
{
    private const string CandidatesSql =
        "SELECT tenant_id, stream_id FROM es_streams WHERE erased_at IS NULL " +
        "AND (max_age_seconds IS NOT NULL OR max_count IS NOT NULL OR truncate_before > scavenged_below) ORDER BY scavenged_at NULLS FIRST LIMIT $1";

    private const string ClaimSql = "SELECT pg_try_advisory_xact_lock(hashtextextended('scavenge:' || $1::text || ':' || $2, 0))";

    private const string RemoveSql =
        "WITH doomed AS (SELECT ctid FROM es_events WHERE tenant_id = $1 AND stream_id = $2 AND (version < $3 OR created_at < $4) " +
        "ORDER BY version LIMIT $5), removed AS (DELETE FROM es_events e USING doomed WHERE e.ctid = doomed.ctid " +
        "RETURNING pg_column_size(e.data) + pg_column_size(e.metadata) AS bytes) SELECT count(*), coalesce(sum(bytes), 0)::bigint FROM removed";

    private const string ReleaseBytesSql = "UPDATE es_tenant_logs SET stored_bytes = greatest(0, stored_bytes - $2) WHERE tenant_id = $1";

    private const string VisitedSql =
        "UPDATE es_streams SET scavenged_at = now(), scavenged_below = CASE WHEN $3 THEN greatest(scavenged_below, $4) ELSE scavenged_below END " +
        "WHERE tenant_id = $1 AND stream_id = $2";

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.IntervalSeconds);

    protected override Task TickAsync(CancellationToken cancellationToken) => TickAsync(options.Value, cancellationToken);

    /// <summary>One pass over the streams due; returns the events removed.</summary>
    private async Task<long> TickAsync(ScavengerOptions settings, CancellationToken cancellationToken)
    {
        var candidates = new List<(Guid TenantId, string StreamId)>();
        await using (var command = dataSource.CreateCommand(CandidatesSql))
        {
            command.Add<int>(settings.StreamsPerTick);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                candidates.Add((reader.GetGuid(0), reader.GetString(1)));
            }
        }

        long total = 0;
        var rewritten = new HashSet<Guid>();
        foreach (var (tenantId, streamId) in candidates)
        {
            var removed = await ScavengeAsync(tenantId, streamId, settings.BatchSize, cancellationToken);
            if (removed > 0)
            {
                total += removed;
                rewritten.Add(tenantId);
            }
        }

        foreach (var tenantId in rewritten)
        {
            logBlocks.Rewritten(tenantId);
            announcer.LogRewritten(tenantId);
        }

        return total;
    }

    private async Task<long> ScavengeAsync(Guid tenantId, string streamId, int batchSize, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await ScalarAsync<bool>(ClaimSql, tenantId, streamId) || await ScalarAsync<int?>(StreamStates.LockTenantSql, tenantId, null) is null)
        {
            return 0;
        }

        if (await ReadStateAsync() is not { } state)
        {
            return 0;
        }

        var retention = state.Retention;
        var keepFrom = retention.FirstRetainedVersion(state.Version);
        // Every event is younger than the epoch: no age limit.
        var oldest = retention.MaxAge is { } age ? Clock.GetUtcNow() - age : DateTimeOffset.UnixEpoch;
        long removed;
        long bytes;
        await using (var remove = new NpgsqlCommand(RemoveSql, connection, transaction))
        {
            remove.Add<Guid>(tenantId);
            remove.Add<string>(streamId);
            remove.Add<long>(keepFrom);
            remove.Add<DateTimeOffset>(oldest);
            remove.Add<int>(batchSize);
            await using var reader = await remove.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            (removed, bytes) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        var release = new NpgsqlBatchCommand(ReleaseBytesSql);
        release.Add<Guid>(tenantId);
        release.Add<long>(bytes);
        var visited = new NpgsqlBatchCommand(VisitedSql);
        visited.Add<Guid>(tenantId);
        visited.Add<string>(streamId);
        visited.Add<bool>(removed < batchSize);
        visited.Add<long>(keepFrom);
        batch.BatchCommands.Add(release);
        batch.BatchCommands.Add(visited);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        metrics.Scavenged(removed);
        return removed;

        async Task<T?> ScalarAsync<T>(string sql, Guid tenant, string? stream)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            command.Add<Guid>(tenant);
            if (stream is not null)
            {
                command.Add<string>(stream);
            }

            return await command.ExecuteScalarAsync(cancellationToken) is T value ? value : default;
        }

        async Task<StreamState?> ReadStateAsync()
        {
            await using var command = new NpgsqlCommand(StreamStates.StateSql, connection, transaction);
            command.Add<Guid>(tenantId);
            command.Add<string>(streamId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) && StreamStates.Read(reader) is { Erased: false } state ? state : null;
        }
    }
}
