using System.Text.Json.Nodes;
using EventAgents.Application.Events;
using EventAgents.Domain.Documents;
using EventAgents.Domain.Events;
using EventAgents.Infrastructure.Caching;
using EventAgents.Infrastructure.Events.Appending;
using EventAgents.Infrastructure.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace EventAgents.Infrastructure.Events;

/// <summary>
/// Soft deletes, erasures and retention metadata of streams. Each takes the tenant's log lock first (every writer of
/// es_streams does, so lock order is the same everywhere) and records what it did in <c>meta:{streamId}</c> in the same
/// transaction. Rare next to appends, so plain statements.
/// </summary>
internal sealed class PostgresStreamLifecycle(NpgsqlDataSource dataSource, ReadCache cache, GlobalLogBlocks logBlocks, EventAnnouncer announcer)
    : IStreamLifecycle
{
    private const string SoftDeleteSql =
        "UPDATE es_streams SET truncate_before = greatest(truncate_before, version + 1), deleted_at_version = version, updated_at = now() " +
        "WHERE tenant_id = $1 AND stream_id = $2";

    // The tenant's stored bytes (its storage quota) shrink by what the erasure removes.
    private const string ReleaseBytesSql =
        "UPDATE es_tenant_logs l SET stored_bytes = greatest(0, l.stored_bytes - coalesce((SELECT sum(pg_column_size(e.data) + pg_column_size(e.metadata)) " +
        $"FROM es_events e WHERE e.tenant_id = $1 AND e.stream_id = $2 AND e.event_type <> '{ErasedEvents.Type}'), 0)) WHERE l.tenant_id = $1";

    private const string EraseEventsSql =
        $"UPDATE es_events SET event_type = '{ErasedEvents.Type}', data = 'null'::jsonb, metadata = '{{}}'::jsonb " +
        $"WHERE tenant_id = $1 AND stream_id = $2 AND event_type <> '{ErasedEvents.Type}'";

    private const string EraseStreamSql =
        "UPDATE es_streams SET truncate_before = greatest(truncate_before, version + 1), deleted_at_version = version, erased_at = now(), " +
        "max_age_seconds = NULL, max_count = NULL, updated_at = now() WHERE tenant_id = $1 AND stream_id = $2";

    // Exports taken before hold the erased data: their content goes, succeeded ones read as expired, running ones start again
    // (their snapshot may predate the erasure; TenantExportWorker's fencing stops the old attempt).
    private const string WithdrawExportContentSql =
        "DELETE FROM tenant_export_chunks WHERE export_id IN (SELECT id FROM tenant_exports WHERE tenant_id = $1 AND status IN ('succeeded', 'running'))";

    private const string WithdrawExportsSql =
        "UPDATE tenant_exports SET status = CASE status WHEN 'succeeded' THEN 'expired' ELSE 'pending' END, lease_expires_at = NULL, " +
        "error = CASE status WHEN 'succeeded' THEN 'Withdrawn: data in it was erased since; request a new export.' ELSE error END " +
        "WHERE tenant_id = $1 AND status IN ('succeeded', 'running')";

    private const string EraseDocumentSql = "DELETE FROM documents WHERE tenant_id = $1 AND collection = $2 AND id = $3";

    // The only exception to agent_runs_keep_terminal (data_lifecycle.v1.sql), for this transaction alone.
    private const string AllowScrubbingFinishedRunsSql = "SELECT set_config('eventagents.erasing', 'on', true)";

    // Runs triggered by the erased events copied their payload into their input; their steps, output, and the output and step
    // details in their run: stream's events may quote it. All of that goes; the runs themselves (status, timings) stay.
    // A run still in progress keeps its conversation (it resumes from it) until it finishes; erase again after that.
    private const string ScrubRunsSql =
        "WITH erased AS (SELECT r.id FROM agent_runs r WHERE r.tenant_id = $1 AND r.source_event_id IN " +
        "(SELECT e.event_id FROM es_events e WHERE e.tenant_id = $1 AND e.stream_id = $2)), " +
        "steps AS (UPDATE agent_run_steps s SET detail = '{\"erased\": true}'::jsonb FROM erased WHERE s.run_id = erased.id AND s.detail <> '{\"erased\": true}'::jsonb), " +
        "history AS (UPDATE es_events e SET data = e.data - 'output' - 'input' - 'detail' FROM erased " +
        "WHERE e.tenant_id = $1 AND e.stream_id = 'run:' || erased.id::text AND (e.data ? 'output' OR e.data ? 'input' OR e.data ? 'detail')) " +
        $"UPDATE agent_runs r SET input = r.input - 'metadata' || jsonb_build_object('type', '{ErasedEvents.Type}', 'data', 'null'::jsonb, 'metadata', '{{}}'::jsonb), " +
        "output = NULL, conversation = CASE WHEN r.status IN ('succeeded', 'failed', 'timed_out', 'cancelled') THEN NULL ELSE r.conversation END " +
        $"FROM erased WHERE r.id = erased.id AND (r.input ->> 'type' IS DISTINCT FROM '{ErasedEvents.Type}' OR r.output IS NOT NULL OR r.conversation IS NOT NULL)";

    private const string SetRetentionSql =
        "UPDATE es_streams SET max_age_seconds = $3, max_count = $4, truncate_before = $5, updated_at = now() WHERE tenant_id = $1 AND stream_id = $2";

    public async Task<StreamDeletion> DeleteAsync(
        Guid tenantId, string streamId, StreamDeletionMode mode, string metadataJson, CancellationToken cancellationToken)
    {
        StreamDeletion decision;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var state = await LockAndReadAsync(connection, transaction, tenantId, streamId, cancellationToken);
            decision = StreamDeletions.Decide(mode, state?.Version, state?.DeletedAtVersion, state?.Erased ?? false);
            if (decision is StreamDeletion.Delete or StreamDeletion.Erase)
            {
                var erase = decision == StreamDeletion.Erase;
                await using var batch = new NpgsqlBatch(connection, transaction);
                if (erase)
                {
                    batch.BatchCommands.Add(Command(ReleaseBytesSql, tenantId, streamId));
                    batch.BatchCommands.Add(Command(EraseEventsSql, tenantId, streamId));
                    batch.BatchCommands.Add(Command(EraseStreamSql, tenantId, streamId));
                    foreach (var sql in new[] { WithdrawExportContentSql, WithdrawExportsSql })
                    {
                        var withdraw = new NpgsqlBatchCommand(sql);
                        withdraw.Add<Guid>(tenantId);
                        batch.BatchCommands.Add(withdraw);
                    }

                    if (DocumentKey(streamId) is var (collection, id))
                    {
                        var document = Command(EraseDocumentSql, tenantId, collection);
                        document.Add<string>(id);
                        batch.BatchCommands.Add(document);
                    }
                }
                else
                {
                    batch.BatchCommands.Add(Command(SoftDeleteSql, tenantId, streamId));
                }

                await batch.ExecuteNonQueryAsync(cancellationToken);
                var data = new JsonObject { ["streamId"] = streamId, ["version"] = state!.Version, ["mode"] = erase ? "erase" : "soft" }.ToJsonString();
                await AppendStatement.AppendSystemEventAsync(
                    connection, transaction, tenantId, StreamDeletions.MetaStreamOf(streamId),
                    erase ? StreamDeletions.ErasedEventType : StreamDeletions.DeletedEventType, data, metadataJson, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                Changed(tenantId, logRewritten: erase);
            }
        }

        // After the erasure committed nothing can trigger from the stream any more; run again on a repeated erase, so a
        // crash between the two transactions is healed by the client's retry of the (idempotent) request.
        if (decision is StreamDeletion.Erase or StreamDeletion.AlreadyErased)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var scrub = new NpgsqlBatch(connection, transaction);
            scrub.BatchCommands.Add(new NpgsqlBatchCommand(AllowScrubbingFinishedRunsSql));
            scrub.BatchCommands.Add(Command(ScrubRunsSql, tenantId, streamId));
            await scrub.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            logBlocks.Rewritten(tenantId);
            announcer.LogRewritten(tenantId);
        }

        return decision;
    }

    public async Task<StreamRetention?> GetRetentionAsync(Guid tenantId, string streamId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(StreamStates.StateSql);
        command.Add<Guid>(tenantId);
        command.Add<string>(streamId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var state = await reader.ReadAsync(cancellationToken) ? StreamStates.Read(reader) : null;
        return state is { Hidden: false } ? state.Retention : null;
    }

    public async Task<StreamRetention?> SetRetentionAsync(
        Guid tenantId, string streamId, StreamRetention retention, string metadataJson, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var state = await LockAndReadAsync(connection, transaction, tenantId, streamId, cancellationToken);
        if (state is not { Hidden: false })
        {
            return null;
        }

        var replaced = retention.Replacing(state.Retention);
        await using (var update = new NpgsqlCommand(SetRetentionSql, connection, transaction))
        {
            update.Add<Guid>(tenantId);
            update.Add<string>(streamId);
            update.AddNullable(replaced.MaxAge is { } age ? (long)age.TotalSeconds : null, NpgsqlDbType.Bigint);
            update.AddNullable(replaced.MaxCount, NpgsqlDbType.Bigint);
            update.Add<long>(replaced.TruncateBefore ?? 0);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        var data = new JsonObject
        {
            ["streamId"] = streamId,
            ["maxAge"] = replaced.MaxAge is { } maxAge ? (long)maxAge.TotalSeconds : null,
            ["maxCount"] = replaced.MaxCount,
            ["truncateBefore"] = replaced.TruncateBefore,
        }.ToJsonString();
        await AppendStatement.AppendSystemEventAsync(
            connection, transaction, tenantId, StreamDeletions.MetaStreamOf(streamId), StreamRetention.MetadataSetEventType, data, metadataJson, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Changed(tenantId, logRewritten: false);
        return replaced;
    }

    /// <summary>
    /// What is readable changed without the stream's version moving, so its cached pages would still look current: this
    /// instance drops the tenant's entries (and, after an erasure, its cached log blocks); the notification does so elsewhere.
    /// </summary>
    private void Changed(Guid tenantId, bool logRewritten)
    {
        cache.ChangedElsewhere(tenantId);
        if (logRewritten)
        {
            logBlocks.Rewritten(tenantId);
            announcer.LogRewritten(tenantId);
        }

        announcer.Committed(tenantId);
    }

    private static async Task<StreamState?> LockAndReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid tenantId, string streamId, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        var lockTenant = new NpgsqlBatchCommand(StreamStates.LockTenantSql);
        lockTenant.Add<Guid>(tenantId);
        batch.BatchCommands.Add(lockTenant);
        batch.BatchCommands.Add(Command(StreamStates.StateSql, tenantId, streamId));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        await reader.NextResultAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? StreamStates.Read(reader) : null;
    }

    private static NpgsqlBatchCommand Command(string sql, Guid tenantId, string second)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Add<Guid>(tenantId);
        command.Add<string>(second);
        return command;
    }

    /// <summary>The document a <c>doc:{collection}:{id}</c> stream holds (collections have no ':').</summary>
    private static (string Collection, string Id)? DocumentKey(string streamId)
    {
        if (!streamId.StartsWith(SystemStreams.DocumentPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = streamId[SystemStreams.DocumentPrefix.Length..];
        var separator = rest.IndexOf(':', StringComparison.Ordinal);
        return separator > 0 ? (rest[..separator], rest[(separator + 1)..]) : null;
    }
}
