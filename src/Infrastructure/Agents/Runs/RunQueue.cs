using System.Text.Json;
using EventAgents.Application.Agents.Runs;
using EventAgents.Application.Common.Json;
using EventAgents.Application.Events;
using EventAgents.Domain.Agents;
using EventAgents.Infrastructure.Events;
using EventAgents.Infrastructure.Events.Appending;
using EventAgents.Infrastructure.Events.Batching;
using EventAgents.Infrastructure.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace EventAgents.Infrastructure.Agents.Runs;

/// <summary>
/// The workers' side of runs: claim, heartbeat, steps, the end of an attempt and the sweep of expired leases. Every write is
/// one statement that commits with its lifecycle event in run:{id}, so the tenant's log lock is never held across a round
/// trip, and the writes of all runs of a tenant go in groups, one commit each (<see cref="GuardedAppendBatcher"/>, issue #17); every write by a worker is fenced on its lease token and on the status its decision was taken from
/// (<see cref="RunLifecycle"/>): a decision taken on a status that changed meanwhile is taken again on the new one.
/// Lease times come from the database clock; the time a retry is due, from the worker's.
/// </summary>
internal sealed class RunQueue(
    NpgsqlDataSource dataSource, GuardedAppendBatcher writes, EventAnnouncer announcer, Telemetry.EventAgentsMetrics metrics, TimeProvider clock)
{
    private const int MaxDecisions = 4;

    private const string ClaimSql = "SELECT * FROM agent_runs_claim($1, $2, $3)";

    private const string HeartbeatSql =
        "UPDATE agent_runs r SET lease_expires_at = now() + make_interval(secs => $3) FROM unnest($1::uuid[], $2::uuid[]) AS o(id, token) " +
        "WHERE r.id = o.id AND r.lease_token = o.token AND r.status IN ('running', 'cancelling') RETURNING r.id, r.status";

    // Steps are numbered across attempts; the fence on the previous number keeps them gapless and in order.
    private static readonly string StepGuard =
        $"fenced AS (UPDATE agent_runs SET {StepColumns(2)}, updated_at = now() " +
        $"WHERE id = ${P(0)} AND lease_token = ${P(1)} AND status IN ('running', 'cancelling') AND {StepFence(2)} RETURNING tenant_id), " +
        StepInsert(2);

    private static readonly string EndGuard = EndGuardWith(null);

    // The end of an attempt together with its deferred last step: step parameters after the end's nine.
    private static readonly string EndWithStepGuard = EndGuardWith(EndParameters);

    private const int EndParameters = 12;

    private const string StatusSql = "SELECT status, lease_token = $2 FROM agent_runs WHERE id = $1";

    private const string QueuedCountSql = "SELECT count(*) FROM agent_runs WHERE status = 'queued'";

    // The per-minute run quota reads the last minute of these (run_counts.v1.sql); a second minute is kept for slow clocks.
    private const string ForgetOldCountsSql = "DELETE FROM agent_run_counts WHERE second < now() - interval '2 minutes'";

    private const string ExpiredSql =
        "SELECT id, tenant_id, agent_id, attempt, lease_token, causation_depth, step_count, status, deadline_at < now(), failed_attempts, max_attempts " +
        "FROM agent_runs WHERE status IN ('running', 'cancelling') AND lease_expires_at < now() ORDER BY lease_expires_at LIMIT 50";

    // A resumed run's progress: approved calls marked started before they run, then the conversation with every answer.
    private const string ProgressSql =
        "UPDATE agent_runs SET conversation = coalesce($3, conversation), required_action = $4, updated_at = now() " +
        "WHERE id = $1 AND lease_token = $2 AND status = ANY ($5)";

    private const string ActionExpiredSql =
        "SELECT id, tenant_id, agent_id, causation_depth FROM agent_runs WHERE status = $1 AND action_expires_at < now() " +
        "ORDER BY action_expires_at LIMIT 50";

    private static readonly string ActionTimeoutGuard =
        $"fenced AS (UPDATE agent_runs SET status = ${P(2)}, error = ${P(3)}, finished_at = now(), updated_at = now() " +
        $"WHERE id = ${P(0)} AND status = ${P(1)} AND action_expires_at < now() RETURNING tenant_id)";

    /// <summary>
    /// Claims up to <paramref name="limit"/> due runs in one statement (agent_runs_claim: skip-locked candidates, each agent's
    /// room under maxConcurrentRuns, the promotion to running and every run's agent.run.started event).
    /// </summary>
    public async Task<IReadOnlyList<ClaimedRun>> ClaimAsync(string owner, double leaseSeconds, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ClaimSql);
        command.Add<string>(owner);
        command.Add<double>(leaseSeconds);
        command.Add<int>(limit);
        var claimed = new List<ClaimedRun>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add(new ClaimedRun(
                    reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2),
                    JsonSerializer.Deserialize<AgentSettings>(reader.GetString(3), JsonDefaults.Web)!,
                    reader.GetFieldValue<string[]>(4), reader.GetString(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8),
                    reader.GetGuid(9), TimeSpan.FromSeconds(reader.GetDouble(10)), reader.GetInt32(11), reader.GetInt32(12),
                    reader.IsDBNull(13) ? null : reader.GetString(13), reader.IsDBNull(14) ? null : reader.GetString(14)));
            }
        }

        foreach (var tenantId in claimed.Select(r => r.TenantId).Distinct())
        {
            announcer.Committed(tenantId);
        }

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

    /// <summary>Records a step with its event in one statement; false when the lease is lost (nothing is written).</summary>
    public Task<bool> RecordStepAsync(RunLease run, RunStep step)
    {
        var seq = run.NextStep();
        var command = AppendStatement.Guarded(run.TenantId, RunEventTypes.StreamOf(run.Id), [StepEvent(run, seq, step)], StepGuard);
        command.Add(run.Id);
        command.Add(run.LeaseToken);
        AddStep(command, run, seq, step);
        return writes.TryAppendAsync(run.TenantId, command);
    }

    /// <summary>
    /// Ends the attempt: the run's next status is decided by <see cref="RunLifecycle.EndOfAttempt"/> from the status the
    /// lease last saw, and stored only if the run is still in it (a cancel that came meanwhile is seen, and the decision taken
    /// again). Returns the status stored, or null when the lease is lost (or, for the sweeper, was renewed meanwhile).
    /// </summary>
    /// <param name="onlyIfExpired">The sweeper's fence: write only if the lease is still expired.</param>
    public async Task<string?> EndAttemptAsync(RunLease run, AttemptEnd end, bool onlyIfExpired, CancellationToken cancellationToken)
    {
        var deferred = run.DeferredStep is { } step ? (Seq: run.NextStep(), Step: step) : ((int Seq, RunStep Step)?)null;
        run.DeferredStep = null;
        for (var decision = 0; decision < MaxDecisions; decision++)
        {
            var next = RunLifecycle.EndOfAttempt(run.Status, end.Outcome);
            if (await TryStoreEndAsync(run, end, next, onlyIfExpired, deferred))
            {
                if (next != RunStatus.RequiresAction)
                {
                    metrics.RunFinished(next);
                }

                return next;
            }

            var now = await ReadStatusAsync(run, cancellationToken);
            if (now is null || now == run.Status)
            {
                return null;
            }

            run.Status = now;
        }

        return null;
    }

    private Task<bool> TryStoreEndAsync(RunLease run, AttemptEnd end, string next, bool onlyIfExpired, (int Seq, RunStep Step)? deferred)
    {
        var queuedAgain = next == RunStatus.Queued;
        var output = next == RunStatus.Succeeded ? end.OutputJson : null;
        var error = next == RunStatus.Cancelled ? null : end.Error;
        DateTimeOffset? nextAttemptAt = queuedAgain ? clock.GetUtcNow() + end.RetryIn : null;
        var (type, data) = next == RunStatus.RequiresAction
            ? (RunEventTypes.RequiresAction, JsonSerializer.Serialize(
                new { runId = run.Id, agentId = run.AgentId, status = next, attempt = run.Attempt, requiredAction = RequiredActionDto.From(end.Pause!.Action) },
                JsonDefaults.Web))
            : queuedAgain
            ? (RunEventTypes.Retrying, JsonSerializer.Serialize(
                new { runId = run.Id, agentId = run.AgentId, status = next, attempt = run.Attempt, nextAttemptAt, error, released = !end.CountsAsFailure },
                JsonDefaults.Web))
            : (RunEventTypes.ForTerminal(next), JsonSerializer.Serialize(
                new { runId = run.Id, agentId = run.AgentId, status = next, attempt = run.Attempt, output = output is null ? (RawJson?)null : new RawJson(output), error },
                JsonDefaults.Web));
        var ending = new EventToAppend(Guid.CreateVersion7(), type, data, run.Metadata);
        var command = deferred is { } last
            ? AppendStatement.Guarded(run.TenantId, RunEventTypes.StreamOf(run.Id), [StepEvent(run, last.Seq, last.Step), ending], EndWithStepGuard)
            : AppendStatement.Guarded(run.TenantId, RunEventTypes.StreamOf(run.Id), [ending], EndGuard);
        command.Add(run.Id);
        command.Add(run.LeaseToken);
        command.Add(run.Status);
        command.Add(next);
        command.AddJsonb(output);
        command.AddJsonb(error?.ToJson());
        command.Add(end.CountsAsFailure && next is RunStatus.Queued or RunStatus.Failed ? 1 : 0);
        command.AddNullable(nextAttemptAt, NpgsqlDbType.TimestampTz);
        command.Add(onlyIfExpired);
        var pause = next == RunStatus.RequiresAction ? end.Pause : null;
        command.AddNullable(pause?.ConversationJson, NpgsqlDbType.Text);
        command.AddJsonb(pause is null ? null : JsonSerializer.Serialize(pause.Action, JsonDefaults.Web));
        command.AddNullable(pause?.Action.ExpiresAt, NpgsqlDbType.TimestampTz);
        if (deferred is { } written)
        {
            AddStep(command, run, written.Seq, written.Step);
        }

        return writes.TryAppendAsync(run.TenantId, command);
    }

    /// <summary>The run's status now, or null when this lease no longer holds it.</summary>
    private async Task<string?> ReadStatusAsync(RunLease run, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(StatusSql);
        command.Add(run.Id);
        command.Add(run.LeaseToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) && !reader.IsDBNull(1) && reader.GetBoolean(1)
            && reader.GetString(0) is RunStatus.Running or RunStatus.Cancelling
            ? reader.GetString(0)
            : null;
    }

    /// <summary>Samples the queue depth for the metrics (served by the partial index of queued runs).</summary>
    public async Task SampleQueueDepthAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(QueuedCountSql);
        metrics.QueuedRuns((long)(await command.ExecuteScalarAsync(cancellationToken))!);
    }

    /// <summary>Drops per-second run counts the run quota no longer reads.</summary>
    public async Task ForgetOldRunCountsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ForgetOldCountsSql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Stores a resumed run's progress, fenced on the lease: the waiting calls (approved ones marked started before they run,
    /// so none runs twice) and, once every answer is in, the conversation that holds them.
    /// </summary>
    public async Task StoreProgressOrLoseLeaseAsync(RunLease run, string? conversationJson, RequiredAction action, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ProgressSql);
        command.Add(run.Id);
        command.Add(run.LeaseToken);
        command.AddNullable(conversationJson, NpgsqlDbType.Text);
        command.AddJsonb(JsonSerializer.Serialize(action, JsonDefaults.Web));
        command.Add<string[]>([RunStatus.Running, RunStatus.Cancelling]);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new Execution.LeaseLostException();
        }
    }

    /// <summary>Fails paused runs whose calls were not all answered in time (action-timeout), each with its agent.run.failed event.</summary>
    public async Task<int> FailExpiredActionsAsync(CancellationToken cancellationToken)
    {
        var expired = new List<(Guid Id, Guid TenantId, Guid AgentId, int Depth)>();
        await using (var command = dataSource.CreateCommand(ActionExpiredSql))
        {
            command.Add(RunStatus.RequiresAction);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                expired.Add((reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetInt32(3)));
            }
        }

        var failed = 0;
        foreach (var run in expired)
        {
            var next = RunLifecycle.ActionTimedOut(RunStatus.RequiresAction);
            var error = new RunError(RunErrorCodes.ActionTimeout, "Tool calls waited for outputs or approval longer than the agent's actionTimeoutSeconds.", false);
            var data = JsonSerializer.Serialize(new { runId = run.Id, agentId = run.AgentId, status = next, output = (RawJson?)null, error }, JsonDefaults.Web);
            var command = AppendStatement.Guarded(run.TenantId, RunEventTypes.StreamOf(run.Id),
                [new EventToAppend(Guid.CreateVersion7(), RunEventTypes.ForTerminal(next), data, RunSql.Metadata(run.Id, run.AgentId, run.Depth))], ActionTimeoutGuard);
            command.Add(run.Id);
            command.Add(RunStatus.RequiresAction);
            command.Add(next);
            command.AddJsonb(error.ToJson());
            if (await writes.TryAppendAsync(run.TenantId, command))
            {
                metrics.RunFinished(next);
                failed++;
            }
        }

        return failed;
    }

    /// <summary>Moves runs whose lease expired (their instance died): cancelled, timed out, failed or queued again.</summary>
    public async Task<int> SweepAsync(AgentsOptions options, CancellationToken cancellationToken)
    {
        var expired = new List<(RunLease Lease, bool PastDeadline, int FailedAttempts, int MaxAttempts)>();
        await using (var command = dataSource.CreateCommand(ExpiredSql))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var lease = new RunLease(
                    reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetInt32(3), reader.GetGuid(4), reader.GetInt32(5),
                    reader.GetString(7), reader.GetInt32(6));
                expired.Add((lease, reader.GetBoolean(8), reader.GetInt32(9), reader.GetInt32(10)));
            }
        }

        var moved = 0;
        foreach (var (lease, pastDeadline, failedAttempts, maxAttempts) in expired)
        {
            var outcome = options.RetryPolicy.AfterLostLease(
                lease.Status == RunStatus.Cancelling, pastDeadline, failedAttempts, maxAttempts, Random.Shared.NextDouble());
            var end = AttemptEnd.After(outcome, outcome.Status == RunStatus.TimedOut
                ? new RunError(RunErrorCodes.TimedOut, "The run exceeded its timeout.", false)
                : new RunError(RunErrorCodes.LeaseLost, "The instance running this attempt stopped renewing its lease.", outcome.IsRetry));
            moved += await EndAttemptAsync(lease, end, onlyIfExpired: true, cancellationToken) is not null ? 1 : 0;
        }

        return moved;
    }

    /// <summary>The n-th parameter (0-based) of a guard.</summary>
    private static int P(int n) => AppendStatement.FirstGuardParameter + n;

    // A step's parameters from the guard's parameter `at` on: attempt, seq, input tokens, output tokens, kind, status, detail, started, finished, duration.
    private static string StepColumns(int at) =>
        $"step_count = ${P(at + 1)}, input_tokens = input_tokens + ${P(at + 2)}, output_tokens = output_tokens + ${P(at + 3)}";

    private static string StepFence(int at) => $"step_count = ${P(at + 1)} - 1";

    private static string StepInsert(int at) =>
        "step AS (INSERT INTO agent_run_steps (run_id, seq, tenant_id, attempt, kind, status, detail, started_at, finished_at, duration_ms) " +
        $"SELECT ${P(0)}, ${P(at + 1)}, fenced.tenant_id, ${P(at)}, ${P(at + 4)}, ${P(at + 5)}, ${P(at + 6)}, ${P(at + 7)}, " +
        $"${P(at + 8)}, ${P(at + 9)} FROM fenced)";

    private static string EndGuardWith(int? stepAt) =>
        $"fenced AS (UPDATE agent_runs SET status = ${P(3)}, output = ${P(4)}, " +
        $"error = CASE WHEN ${P(3)} = 'queued' THEN coalesce(${P(5)}, error) ELSE ${P(5)} END, " +
        $"failed_attempts = failed_attempts + ${P(6)}, available_at = coalesce(${P(7)}, available_at), " +
        $"finished_at = CASE WHEN ${P(3)} IN ('queued', 'requires_action') THEN NULL ELSE now() END, " +
        $"conversation = coalesce(${P(9)}, conversation), required_action = coalesce(${P(10)}, required_action), action_expires_at = ${P(11)}, " +
        (stepAt is { } at ? StepColumns(at) + ", " : "") +
        "lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL, updated_at = now() " +
        $"WHERE id = ${P(0)} AND lease_token = ${P(1)} AND status = ${P(2)} AND (NOT ${P(8)} OR lease_expires_at < now())" +
        (stepAt is { } fenceAt ? " AND " + StepFence(fenceAt) : "") + " RETURNING tenant_id)" +
        (stepAt is { } insertAt ? ", " + StepInsert(insertAt) : "");

    private static void AddStep(NpgsqlBatchCommand command, RunLease run, int seq, RunStep step)
    {
        command.Add(run.Attempt);
        command.Add(seq);
        command.Add(step.InputTokens);
        command.Add(step.OutputTokens);
        command.Add(step.Kind);
        command.Add(step.Status);
        command.AddJsonb(step.DetailJson);
        command.Add(step.StartedAt);
        command.Add(step.FinishedAt);
        command.Add(DurationMs(step));
    }

    private static int DurationMs(RunStep step) => (int)Math.Max(0, (step.FinishedAt - step.StartedAt).TotalMilliseconds);

    private static EventToAppend StepEvent(RunLease run, int seq, RunStep step) => new(
        Guid.CreateVersion7(), RunEventTypes.Step,
        JsonSerializer.Serialize(
            new { runId = run.Id, agentId = run.AgentId, seq, attempt = run.Attempt, kind = step.Kind, status = step.Status, durationMs = DurationMs(step), detail = new RawJson(step.DetailJson) },
            JsonDefaults.Web),
        run.Metadata);
}
