using System.Text.Json;
using EventAgents.Application.Agents.Runs;
using EventAgents.Application.Common.Json;
using EventAgents.Domain.Agents;
using EventAgents.Infrastructure.Events;
using EventAgents.Infrastructure.Events.Appending;
using EventAgents.Infrastructure.Persistence;
using EventAgents.Infrastructure.Persistence.Configurations;
using Npgsql;
using NpgsqlTypes;

namespace EventAgents.Infrastructure.Agents.Runs;

/// <summary>
/// The workers' side of runs: claim (FOR UPDATE SKIP LOCKED, per-agent concurrency under the agent row lock), heartbeat,
/// steps, finish, retry, release and the sweep of expired leases. Every write by a worker is fenced on its lease token and
/// commits together with its lifecycle event in run:{id}. Times come from the database clock.
/// </summary>
internal sealed class RunQueue(NpgsqlDataSource dataSource, EventAnnouncer announcer, Telemetry.EventAgentsMetrics metrics)
{
    private const string CandidateSql =
        "SELECT r.id, r.agent_id FROM agent_runs r WHERE r.status = 'queued' AND r.available_at <= now() " +
        "AND (SELECT count(*) FROM agent_runs x WHERE x.agent_id = r.agent_id AND x.status IN ('running', 'cancelling')) < r.max_concurrent_runs " +
        "ORDER BY r.available_at, r.id LIMIT 1 FOR UPDATE OF r SKIP LOCKED";

    // The agent row lock serialises claimers of one agent. The recount must be a statement of its own: a statement's
    // snapshot is taken when it starts, so a count in the locking statement would miss the claim it waited for.
    // NO KEY UPDATE, not UPDATE: a trigger's INSERT INTO agent_runs takes KEY SHARE on the agent row (the foreign key)
    // while es_append holds the tenant's log lock; FOR UPDATE blocked it, and this claim then waited for the log lock to
    // append run:{id} — a deadlock the fuzz suite found. NO KEY UPDATE still excludes the other claimers.
    private const string LockAgentSql = "SELECT 1 FROM agents WHERE id = $1 FOR NO KEY UPDATE";

    private const string RecountSql =
        "SELECT (SELECT count(*) FROM agent_runs x WHERE x.agent_id = $1 AND x.status IN ('running', 'cancelling')) < " +
        "(SELECT max_concurrent_runs FROM agent_runs WHERE id = $2)";

    // started_at is the clock at promotion, not now() (the transaction's start): the recount before it has seen the finish of
    // the run this one replaces, so a run's [started_at, finished_at] never overlaps a run it had to wait for.
    private const string PromoteSql =
        "UPDATE agent_runs SET status = 'running', attempt = attempt + 1, lease_owner = $2, lease_token = gen_random_uuid(), " +
        "lease_expires_at = now() + make_interval(secs => $3), started_at = coalesce(started_at, clock_timestamp()), " +
        "deadline_at = now() + make_interval(secs => timeout_seconds), updated_at = now() WHERE id = $1 " +
        "RETURNING id, tenant_id, agent_id, agent::text, effective_scopes, input::text, attempt, failed_attempts, max_attempts, lease_token, " +
        "extract(epoch FROM deadline_at - now()), causation_depth";

    private const string HeartbeatSql =
        "UPDATE agent_runs r SET lease_expires_at = now() + make_interval(secs => $3) FROM unnest($1::uuid[], $2::uuid[]) AS o(id, token) " +
        "WHERE r.id = o.id AND r.lease_token = o.token AND r.status IN ('running', 'cancelling') RETURNING r.id, r.status";

    private const string StepFenceSql =
        "UPDATE agent_runs SET step_count = step_count + 1, input_tokens = input_tokens + $3, output_tokens = output_tokens + $4, updated_at = now() " +
        "WHERE id = $1 AND lease_token = $2 AND status IN ('running', 'cancelling') RETURNING step_count";

    private const string InsertStepSql =
        "INSERT INTO agent_run_steps (run_id, seq, tenant_id, attempt, kind, status, detail, started_at, finished_at, duration_ms) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";

    private const string FinishSql =
        "UPDATE agent_runs SET status = CASE WHEN status = 'cancelling' THEN 'cancelled' ELSE $3 END, output = $4, error = $5, " +
        "failed_attempts = failed_attempts + $6, finished_at = now(), lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL, updated_at = now() " +
        "WHERE id = $1 AND lease_token = $2 AND status IN ('running', 'cancelling') RETURNING status, agent_id, causation_depth, tenant_id";

    private const string RequeueSql =
        "UPDATE agent_runs SET status = CASE WHEN status = 'cancelling' THEN 'cancelled' ELSE 'queued' END, error = coalesce($3, error), " +
        "failed_attempts = failed_attempts + $4, available_at = now() + make_interval(secs => $5), " +
        "finished_at = CASE WHEN status = 'cancelling' THEN now() END, lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL, updated_at = now() " +
        "WHERE id = $1 AND lease_token = $2 AND status IN ('running', 'cancelling') RETURNING status, agent_id, causation_depth, tenant_id, available_at, attempt";

    private const string QueuedCountSql = "SELECT count(*) FROM agent_runs WHERE status = 'queued'";

    private const string ExpiredSql =
        "SELECT id FROM agent_runs WHERE status IN ('running', 'cancelling') AND lease_expires_at < now() ORDER BY lease_expires_at LIMIT 50";

    private const string LockExpiredSql =
        "SELECT lease_token, status = 'cancelling', deadline_at < now(), failed_attempts, max_attempts, " +
        "tenant_id, agent_id, attempt, causation_depth FROM agent_runs " +
        "WHERE id = $1 AND status IN ('running', 'cancelling') AND lease_expires_at < now() FOR UPDATE SKIP LOCKED";

    public async Task<ClaimedRun?> ClaimAsync(string owner, double leaseSeconds, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        Guid runId, agentId;
        await using (var candidate = new NpgsqlCommand(CandidateSql, connection, transaction))
        await using (var reader = await candidate.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            (runId, agentId) = (reader.GetGuid(0), reader.GetGuid(1));
        }

        await using (var lockAgent = new NpgsqlCommand(LockAgentSql, connection, transaction))
        {
            lockAgent.Add<Guid>(agentId);
            await lockAgent.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var recount = new NpgsqlCommand(RecountSql, connection, transaction))
        {
            recount.Add<Guid>(agentId);
            recount.Add<Guid>(runId);
            if (await recount.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return null;
            }
        }

        ClaimedRun claimed;
        await using (var promote = new NpgsqlCommand(PromoteSql, connection, transaction))
        {
            promote.Add<Guid>(runId);
            promote.Add<string>(owner);
            promote.Add<double>(leaseSeconds);
            await using var reader = await promote.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            claimed = new ClaimedRun(
                reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2),
                JsonSerializer.Deserialize<AgentSettings>(reader.GetString(3), AgentConfiguration.SettingsJson)!,
                reader.GetFieldValue<string[]>(4), reader.GetString(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8),
                reader.GetGuid(9), TimeSpan.FromSeconds((double)reader.GetDecimal(10)), reader.GetInt32(11));
        }

        await AppendAsync(connection, transaction, claimed.TenantId, claimed.Id, RunEventTypes.Started,
            new { runId = claimed.Id, agentId = claimed.AgentId, status = RunStatus.Running, attempt = claimed.Attempt }, claimed.Lease.Metadata, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        announcer.Committed(claimed.TenantId);
        return claimed;
    }

    /// <summary>Renews the leases; returns the status of each run still held (a missing one has lost its lease).</summary>
    public async Task<Dictionary<Guid, string>> HeartbeatAsync(IReadOnlyCollection<ClaimedRun> runs, double leaseSeconds, CancellationToken cancellationToken)
    {
        var held = new Dictionary<Guid, string>();
        if (runs.Count == 0)
        {
            return held;
        }

        await using var command = dataSource.CreateCommand(HeartbeatSql);
        command.Add<Guid[]>(runs.Select(r => r.Id).ToArray());
        command.Add<Guid[]>(runs.Select(r => r.LeaseToken).ToArray());
        command.Add<double>(leaseSeconds);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            held[reader.GetGuid(0)] = reader.GetString(1);
        }

        return held;
    }

    /// <summary>Records a step with its event; false when the lease is lost (nothing is written).</summary>
    public async Task<bool> RecordStepAsync(RunLease run, RunStep step, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        int seq;
        await using (var fence = new NpgsqlCommand(StepFenceSql, connection, transaction))
        {
            fence.Add<Guid>(run.Id);
            fence.Add<Guid>(run.LeaseToken);
            fence.Add<long>(step.InputTokens);
            fence.Add<long>(step.OutputTokens);
            if (await fence.ExecuteScalarAsync(cancellationToken) is not int next)
            {
                return false;
            }

            seq = next;
        }

        var durationMs = (int)Math.Max(0, (step.FinishedAt - step.StartedAt).TotalMilliseconds);
        await using (var insert = new NpgsqlCommand(InsertStepSql, connection, transaction))
        {
            insert.Add<Guid>(run.Id);
            insert.Add<int>(seq);
            insert.Add<Guid>(run.TenantId);
            insert.Add<int>(run.Attempt);
            insert.Add<string>(step.Kind);
            insert.Add<string>(step.Status);
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = step.DetailJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
            insert.Add<DateTimeOffset>(step.StartedAt);
            insert.Add<DateTimeOffset>(step.FinishedAt);
            insert.Add<int>(durationMs);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await AppendAsync(connection, transaction, run.TenantId, run.Id, RunEventTypes.Step,
            new { runId = run.Id, agentId = run.AgentId, seq, attempt = run.Attempt, kind = step.Kind, status = step.Status, durationMs, detail = new RawJson(step.DetailJson) },
            run.Metadata, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        announcer.Committed(run.TenantId);
        return true;
    }

    /// <summary>Ends the run (succeeded, failed, timed_out or cancelled; a cancelling run always ends cancelled). Null when the lease is lost.</summary>
    public async Task<string?> FinishAsync(
        RunLease run, string status, string? outputJson, RunError? error, bool countsAsFailure, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        string final;
        await using (var finish = new NpgsqlCommand(FinishSql, connection, transaction))
        {
            finish.Add<Guid>(run.Id);
            finish.Add<Guid>(run.LeaseToken);
            finish.Add<string>(status);
            finish.Parameters.Add(new NpgsqlParameter { Value = (object?)outputJson ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Jsonb });
            finish.Parameters.Add(new NpgsqlParameter { Value = (object?)error?.ToJson() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Jsonb });
            finish.Add<int>(countsAsFailure ? 1 : 0);
            await using var reader = await finish.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            final = reader.GetString(0);
        }

        metrics.RunFinished(final);
        await AppendAsync(connection, transaction, run.TenantId, run.Id, RunEventTypes.ForTerminal(final),
            new { runId = run.Id, agentId = run.AgentId, status = final, attempt = run.Attempt, output = outputJson is null ? (RawJson?)null : new RawJson(outputJson), error },
            run.Metadata, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        announcer.Committed(run.TenantId);
        return final;
    }

    /// <summary>
    /// Puts the run back in the queue after <paramref name="delay"/>: a retryable failure (counted) or a release at shutdown
    /// (not counted). A cancelling run ends cancelled instead. Null when the lease is lost.
    /// </summary>
    public async Task<string?> RequeueAsync(RunLease run, RunError? error, bool countsAsFailure, TimeSpan delay, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        string final;
        DateTimeOffset nextAttemptAt;
        await using (var requeue = new NpgsqlCommand(RequeueSql, connection, transaction))
        {
            requeue.Add<Guid>(run.Id);
            requeue.Add<Guid>(run.LeaseToken);
            requeue.Parameters.Add(new NpgsqlParameter { Value = (object?)error?.ToJson() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Jsonb });
            requeue.Add<int>(countsAsFailure ? 1 : 0);
            requeue.Add<double>(delay.TotalSeconds);
            await using var reader = await requeue.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            (final, nextAttemptAt) = (reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(4));
        }

        if (final == RunStatus.Cancelled)
        {
            await AppendAsync(connection, transaction, run.TenantId, run.Id, RunEventTypes.Cancelled,
                new { runId = run.Id, agentId = run.AgentId, status = final, attempt = run.Attempt }, run.Metadata, cancellationToken);
        }
        else
        {
            await AppendAsync(connection, transaction, run.TenantId, run.Id, RunEventTypes.Retrying,
                new { runId = run.Id, agentId = run.AgentId, status = final, attempt = run.Attempt, nextAttemptAt, error, released = !countsAsFailure },
                run.Metadata, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        announcer.Committed(run.TenantId);
        return final;
    }

    /// <summary>Samples the queue depth for the metrics (served by the partial index of queued runs).</summary>
    public async Task SampleQueueDepthAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(QueuedCountSql);
        metrics.QueuedRuns((long)(await command.ExecuteScalarAsync(cancellationToken))!);
    }

    /// <summary>Moves runs whose lease expired (their instance died): cancelled, timed out, failed or queued again.</summary>
    public async Task<int> SweepAsync(AgentsOptions options, CancellationToken cancellationToken)
    {
        var expired = new List<Guid>();
        await using (var command = dataSource.CreateCommand(ExpiredSql))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                expired.Add(reader.GetGuid(0));
            }
        }

        var moved = 0;
        foreach (var runId in expired)
        {
            moved += await SweepOneAsync(runId, options, cancellationToken) ? 1 : 0;
        }

        return moved;
    }

    private async Task<bool> SweepOneAsync(Guid runId, AgentsOptions options, CancellationToken cancellationToken)
    {
        RunLease lease;
        bool cancelling, pastDeadline;
        int failedAttempts, maxAttempts;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        await using (var lockRun = new NpgsqlCommand(LockExpiredSql, connection, transaction))
        {
            lockRun.Add<Guid>(runId);
            await using var reader = await lockRun.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return false;
            }

            lease = new RunLease(runId, reader.GetGuid(5), reader.GetGuid(6), reader.GetInt32(7), reader.GetGuid(0), reader.GetInt32(8));
            (cancelling, pastDeadline, failedAttempts, maxAttempts) = (reader.GetBoolean(1), reader.GetBoolean(2), reader.GetInt32(3), reader.GetInt32(4));
        }

        // The lock only read the run; the fenced write below re-checks the token, so a second sweeper changes nothing.
        var outcome = options.RetryPolicy.AfterLostLease(cancelling, pastDeadline, failedAttempts, maxAttempts, Random.Shared.NextDouble());
        var lost = new RunError(RunErrorCodes.LeaseLost, "The instance running this attempt stopped renewing its lease.", outcome.IsRetry);
        return outcome.Status switch
        {
            RunStatus.Cancelled => await FinishAsync(lease, RunStatus.Cancelled, null, null, false, cancellationToken) is not null,
            RunStatus.TimedOut => await FinishAsync(
                lease, RunStatus.TimedOut, null, new RunError(RunErrorCodes.TimedOut, "The run exceeded its timeout.", false), false, cancellationToken) is not null,
            RunStatus.Failed => await FinishAsync(lease, RunStatus.Failed, null, lost, true, cancellationToken) is not null,
            _ => await RequeueAsync(lease, lost, true, outcome.RetryIn, cancellationToken) is not null,
        };
    }

    private static Task AppendAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid tenantId, Guid runId, string type, object data, string metadata,
        CancellationToken cancellationToken) =>
        AppendStatement.AppendSystemEventAsync(
            connection, transaction, tenantId, RunEventTypes.StreamOf(runId), type, JsonSerializer.Serialize(data, JsonDefaults.Web), metadata, cancellationToken);
}
