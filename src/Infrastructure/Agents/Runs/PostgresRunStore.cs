using System.Text.Json;
using EventAgents.Application.Agents.Runs;
using EventAgents.Application.Common.Exceptions;
using EventAgents.Application.Common.Json;
using EventAgents.Application.Common.Quotas;
using EventAgents.Domain.Agents;
using EventAgents.Domain.Common;
using EventAgents.Infrastructure.Events;
using EventAgents.Infrastructure.Events.Appending;
using EventAgents.Infrastructure.Persistence;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace EventAgents.Infrastructure.Agents.Runs;

/// <summary>
/// The API's side of runs: queue, read, list, cancel. A run and its lifecycle event commit together; locks are taken in the
/// documented order (run row, then the tenant's log row through es_append).
/// </summary>
internal sealed class PostgresRunStore(
    NpgsqlDataSource dataSource, Persistence.Replicas.ReadRouter reads, Events.Batching.GuardedAppendBatcher writes, EventAnnouncer announcer, IOptions<QuotaOptions> quotas) : IRunStore
{
    // The tenant's per-second run counts (run_counts.v1.sql), shared with triggered runs.
    private const string RecentRunsSql = "SELECT es_recent_runs($1)";

    private const string CountRunSql = "SELECT es_count_runs($1, 1)";

    // Added once the run's event is appended, i.e. under the tenant's log lock, like the trigger reaction does.
    private const string CountRunAfterAppend = "es_count_runs(fenced.tenant_id, 1)";

    private const string KeyLockSql = "SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0))";

    private const string FindKeySql =
        "SELECT request_hash, resource_id, expires_at > now() FROM idempotency_keys WHERE tenant_id = $1 AND client_id = $2 AND route = $3 AND key = $4";

    private const string DeleteKeySql = "DELETE FROM idempotency_keys WHERE tenant_id = $1 AND client_id = $2 AND route = $3 AND key = $4";

    private const string InsertKeySql =
        "INSERT INTO idempotency_keys (tenant_id, client_id, route, key, request_hash, resource_id, created_at, expires_at) " +
        "VALUES ($1, $2, $3, $4, $5, $6, now(), now() + interval '24 hours')";

    private const string InsertRunColumns =
        "INSERT INTO agent_runs AS r (id, tenant_id, agent_id, agent, effective_scopes, status, input, trigger, max_attempts, max_concurrent_runs, " +
        "timeout_seconds, available_at, created_at, updated_at) ";

    private const string InsertRunSql =
        InsertRunColumns + "VALUES ($1, $2, $3, $4, $5, 'queued', $6, $7, $8, $9, $10, now(), now(), now()) RETURNING " + RunSql.Columns;

    private static readonly string InsertRunGuard =
        "fenced AS (" + InsertRunColumns + "VALUES (" +
        string.Join(", ", Enumerable.Range(AppendStatement.FirstGuardParameter, 5).Select(p => $"${p}")) + ", 'queued', " +
        string.Join(", ", Enumerable.Range(AppendStatement.FirstGuardParameter + 5, 5).Select(p => $"${p}")) +
        ", now(), now(), now()) RETURNING tenant_id)";

    private const string GetSql = "SELECT " + RunSql.Columns + " FROM agent_runs r WHERE r.tenant_id = $1 AND r.id = $2";

    private const string ListSql =
        "SELECT " + RunSql.Columns + " FROM agent_runs r WHERE r.tenant_id = $1 AND ($2::uuid IS NULL OR r.agent_id = $2) " +
        "AND ($3::text IS NULL OR r.status = $3) AND ($4::uuid IS NULL OR r.id < $4) ORDER BY r.id DESC LIMIT $5";

    private const int MaxCancelDecisions = 4;

    private const string CancelReadSql = "SELECT status, agent_id, causation_depth FROM agent_runs WHERE tenant_id = $1 AND id = $2";

    private const string AskToStopSql =
        "UPDATE agent_runs SET status = 'cancelling', cancel_requested_at = coalesce(cancel_requested_at, now()), updated_at = now() " +
        "WHERE tenant_id = $1 AND id = $2 AND status = $3";

    private static readonly string CancelQueuedGuard =
        "fenced AS (UPDATE agent_runs SET status = 'cancelled', cancel_requested_at = coalesce(cancel_requested_at, now()), finished_at = now(), " +
        $"updated_at = now() WHERE tenant_id = ${AppendStatement.FirstGuardParameter} AND id = ${AppendStatement.FirstGuardParameter + 1} " +
        $"AND status = ${AppendStatement.FirstGuardParameter + 2} RETURNING tenant_id)";

    private const string StepsSql =
        "SELECT seq, attempt, kind, status, detail::text, started_at, finished_at, duration_ms FROM agent_run_steps " +
        "WHERE tenant_id = $1 AND run_id = $2 ORDER BY seq";

    private const string ExistsSql = "SELECT 1 FROM agent_runs WHERE tenant_id = $1 AND id = $2";

    public async Task<StartedRun> StartAsync(NewRun run, IdempotencyKey? key, CancellationToken cancellationToken)
    {
        if (key is null)
        {
            await using (var quotaConnection = await dataSource.OpenConnectionAsync(cancellationToken))
            {
                await RequireRunQuotaAsync(quotaConnection, null, run.TenantId, cancellationToken);
            }

            // One statement, grouped with the tenant's other run writes into one commit (issue #17): the tenant's log lock
            // is released by that commit, not held across a round trip to this process.
            await writes.TryAppendAsync(run.TenantId, NewRunWithEvent(run));
            return new StartedRun(await GetAsync(run.TenantId, run.RunId, cancellationToken) ?? throw RunErrors.NotFound(run.RunId), false);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await FindReplayAsync(connection, transaction, run.TenantId, key, cancellationToken) is { } replayed)
        {
            return replayed;
        }

        await RequireRunQuotaAsync(connection, transaction, run.TenantId, cancellationToken);
        var started = await InsertAsync(connection, transaction, run, key, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        announcer.Committed(run.TenantId);
        return started;
    }

    private static NpgsqlBatchCommand NewRunWithEvent(NewRun run)
    {
        var command = AppendStatement.Guarded(run.TenantId, RunEventTypes.StreamOf(run.RunId), RunEventTypes.Queued, QueuedEvent(run), QueuedMetadata(run), InsertRunGuard, CountRunAfterAppend);
        AddRunColumns(command, run);
        return command;
    }

    private static string QueuedEvent(NewRun run) =>
        JsonSerializer.Serialize(new { runId = run.RunId, agentId = run.Agent.Id, status = RunStatus.Queued, trigger = new RawJson(run.TriggerJson) }, JsonDefaults.Web);

    private static string QueuedMetadata(NewRun run) => RunSql.Metadata(run.RunId, run.Agent.Id, 0);

    private static void AddRunColumns(NpgsqlBatchCommand command, NewRun run)
    {
        command.Add(run.RunId);
        command.Add(run.TenantId);
        command.Add(run.Agent.Id);
        command.AddJsonb(JsonSerializer.Serialize(run.Agent.Settings, JsonDefaults.Web));
        command.Add(run.EffectiveScopes.ToArray());
        command.AddJsonb(run.InputJson);
        command.AddJsonb(run.TriggerJson);
        command.Add(run.Agent.Settings.MaxAttempts);
        command.Add(run.Agent.Settings.MaxConcurrentRuns);
        command.Add(run.Agent.Settings.TimeoutSeconds);
    }

    /// <summary>The run, its agent.run.queued event and the idempotency key in the caller's transaction.</summary>
    private static async Task<StartedRun> InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, NewRun run, IdempotencyKey key, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        var insert = new NpgsqlBatchCommand(InsertRunSql);
        AddRunColumns(insert, run);
        batch.BatchCommands.Add(insert);
        batch.BatchCommands.Add(RunSql.AppendEvent(run.TenantId, run.RunId, RunEventTypes.Queued, QueuedEvent(run), QueuedMetadata(run)));
        var count = new NpgsqlBatchCommand(CountRunSql);
        count.Add(run.TenantId);
        batch.BatchCommands.Add(count);
        var insertKey = new NpgsqlBatchCommand(InsertKeySql);
        insertKey.Add(run.TenantId);
        insertKey.Add(key.ClientId);
        insertKey.Add(key.Route);
        insertKey.Add(key.Key);
        insertKey.Add(key.RequestHash);
        insertKey.Add(run.RunId);
        batch.BatchCommands.Add(insertKey);

        RunDto created;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            created = RunSql.Read(reader);
        }

        return new StartedRun(created, false);
    }

    /// <summary>Runs started through the API count against the same per-minute quota as triggered ones.</summary>
    private async Task RequireRunQuotaAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid tenantId, CancellationToken cancellationToken)
    {
        await using var recent = new NpgsqlCommand(RecentRunsSql, connection, transaction);
        recent.Add<Guid>(tenantId);
        var count = (long)(await recent.ExecuteScalarAsync(cancellationToken))!;
        var max = quotas.Value.MaxRunsPerTenantPerMinute;
        if (count >= max)
        {
            throw QuotaErrors.RunsPerMinute($"{count} runs in the last minute, at most {max}");
        }
    }

    public async Task<RunDto?> GetAsync(Guid tenantId, Guid runId, CancellationToken cancellationToken)
    {
        await using var command = (await reads.SourceAsync(cancellationToken)).CreateCommand(GetSql);
        command.Add<Guid>(tenantId);
        command.Add<Guid>(runId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? RunSql.Read(reader) : null;
    }

    public async Task<IReadOnlyList<RunDto>> ListAsync(
        Guid tenantId, Guid? agentId, string? status, Guid? beforeId, int limit, CancellationToken cancellationToken)
    {
        await using var command = (await reads.SourceAsync(cancellationToken)).CreateCommand(ListSql);
        command.Add<Guid>(tenantId);
        command.AddNullable(agentId, NpgsqlDbType.Uuid);
        command.AddNullable(status, NpgsqlDbType.Text);
        command.AddNullable(beforeId, NpgsqlDbType.Uuid);
        command.Add<int>(limit);
        var runs = new List<RunDto>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(RunSql.Read(reader));
        }

        return runs;
    }

    /// <summary>
    /// What a cancel does is decided by <see cref="RunLifecycle.Cancel"/> from the status read, and stored only if the run is
    /// still in it (a worker may claim or end it meanwhile: then the decision is taken again on the new status).
    /// </summary>
    public async Task<RunDto?> CancelAsync(Guid tenantId, Guid runId, CancellationToken cancellationToken)
    {
        for (var decision = 0; decision < MaxCancelDecisions; decision++)
        {
            string status;
            Guid agentId;
            int depth;
            await using (var read = dataSource.CreateCommand(CancelReadSql))
            {
                read.Add(tenantId);
                read.Add(runId);
                await using var reader = await read.ExecuteReaderAsync(cancellationToken);
                if (!await reader.ReadAsync(cancellationToken))
                {
                    return null;
                }

                (status, agentId, depth) = (reader.GetString(0), reader.GetGuid(1), reader.GetInt32(2));
            }

            var next = RunLifecycle.Cancel(status);
            if (next is null || await TryStoreCancelAsync(tenantId, runId, agentId, depth, status, next, cancellationToken))
            {
                break;
            }
        }

        return await GetAsync(tenantId, runId, cancellationToken);
    }

    private async Task<bool> TryStoreCancelAsync(
        Guid tenantId, Guid runId, Guid agentId, int depth, string from, string to, CancellationToken cancellationToken)
    {
        if (to == RunStatus.Cancelling)
        {
            await using var ask = dataSource.CreateCommand(AskToStopSql);
            ask.Add(tenantId);
            ask.Add(runId);
            ask.Add(from);
            return await ask.ExecuteNonQueryAsync(cancellationToken) == 1;
        }

        var command = AppendStatement.Guarded(
            tenantId, RunEventTypes.StreamOf(runId), RunEventTypes.Cancelled,
            JsonSerializer.Serialize(new { runId, agentId, status = to }, JsonDefaults.Web), RunSql.Metadata(runId, agentId, depth), CancelQueuedGuard);
        command.Add(tenantId);
        command.Add(runId);
        command.Add(from);
        if (!await AppendStatement.TryAppendGuardedAsync(dataSource, command, cancellationToken))
        {
            return false;
        }

        announcer.Committed(tenantId);
        return true;
    }

    public async Task<IReadOnlyList<RunStepDto>?> GetStepsAsync(Guid tenantId, Guid runId, CancellationToken cancellationToken)
    {
        await using var batch = (await reads.SourceAsync(cancellationToken)).CreateBatch();
        var exists = new NpgsqlBatchCommand(ExistsSql);
        exists.Add(tenantId);
        exists.Add(runId);
        var steps = new NpgsqlBatchCommand(StepsSql);
        steps.Add(tenantId);
        steps.Add(runId);
        batch.BatchCommands.Add(exists);
        batch.BatchCommands.Add(steps);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        await reader.NextResultAsync(cancellationToken);
        var result = new List<RunStepDto>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(StepDetails.ToDto(
                reader.GetInt32(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetInt32(7)));
        }

        return result;
    }

    private async Task<StartedRun?> FindReplayAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid tenantId, IdempotencyKey key, CancellationToken cancellationToken)
    {
        await using (var lockKey = new NpgsqlCommand(KeyLockSql, connection, transaction))
        {
            lockKey.Add($"{tenantId:N}\n{key.ClientId}\n{key.Route}\n{key.Key}");
            if (await lockKey.ExecuteScalarAsync(cancellationToken) is not true)
            {
                throw new ConflictException(
                    "request-in-progress", "Request in progress", "A request with this Idempotency-Key is still being processed; retry shortly.");
            }
        }

        byte[]? hash = null;
        Guid runId = default;
        var live = false;
        await using (var find = new NpgsqlCommand(FindKeySql, connection, transaction))
        {
            AddKey(find, tenantId, key);
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                (hash, runId, live) = (reader.GetFieldValue<byte[]>(0), reader.GetGuid(1), reader.GetBoolean(2));
            }
        }

        if (hash is not null && live)
        {
            if (!hash.AsSpan().SequenceEqual(key.RequestHash))
            {
                throw new DomainRuleException("This Idempotency-Key was used with a different request within the last 24 hours.");
            }

            var existing = await GetAsync(tenantId, runId, cancellationToken) ?? throw RunErrors.NotFound(runId);
            return new StartedRun(existing, true);
        }

        if (hash is not null)
        {
            await using var expired = new NpgsqlCommand(DeleteKeySql, connection, transaction);
            AddKey(expired, tenantId, key);
            await expired.ExecuteNonQueryAsync(cancellationToken);
        }

        return null;
    }

    private static void AddKey(NpgsqlCommand command, Guid tenantId, IdempotencyKey key)
    {
        command.Add(tenantId);
        command.Add(key.ClientId);
        command.Add(key.Route);
        command.Add(key.Key);
    }
}
