using System.Text.Json;
using EventAgents.Application.Agents.Runs;
using EventAgents.Application.Common.Exceptions;
using EventAgents.Application.Common.Json;
using EventAgents.Domain.Agents;
using EventAgents.Domain.Common;
using EventAgents.Infrastructure.Events.Appending;
using EventAgents.Infrastructure.Persistence;
using Npgsql;

namespace EventAgents.Infrastructure.Agents.Runs;

/// <summary>
/// Stores answers to a paused run's calls: reads the run, asks <see cref="RequiredActions"/>, and writes the new answers
/// fenced on the waiting calls it read (a concurrent answer makes the write miss, and the decision is taken again on what
/// is stored then). The answer that completes the set also queues the run, with its agent.run.resumed event, in one statement.
/// </summary>
internal sealed class PostgresRunAnswers(NpgsqlDataSource dataSource, PostgresRunStore runs, Events.EventAnnouncer announcer, TimeProvider clock) : IRunAnswers
{
    private const int MaxDecisions = 8;

    private const string ReadSql = "SELECT status, required_action::text, agent_id, causation_depth FROM agent_runs WHERE tenant_id = $1 AND id = $2";

    private const string AnswerSql =
        "UPDATE agent_runs SET required_action = $5, updated_at = now() " +
        "WHERE tenant_id = $1 AND id = $2 AND status = $3 AND required_action = $4::jsonb";

    private static readonly string ResumeGuard =
        $"fenced AS (UPDATE agent_runs SET required_action = ${P(4)}, status = ${P(5)}, available_at = now(), updated_at = now() " +
        $"WHERE tenant_id = ${P(0)} AND id = ${P(1)} AND status = ${P(2)} AND required_action = ${P(3)}::jsonb RETURNING tenant_id)";

    public async Task<RunDto?> AnswerAsync(
        Guid tenantId, Guid runId, IReadOnlyList<SubmittedAnswer> answers, string answeredBy, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxDecisions; attempt++)
        {
            if (await ReadAsync(tenantId, runId, cancellationToken) is not { } run)
            {
                return null;
            }

            var action = run.ActionJson is null ? null : JsonSerializer.Deserialize<RequiredAction>(run.ActionJson, JsonDefaults.Web);
            var decision = RequiredActions.Answer(run.Status, action, answers, answeredBy, clock.GetUtcNow());
            switch (decision.Outcome)
            {
                case AnswerOutcome.Refused:
                    throw new DomainRuleException(decision.Problem!);
                case AnswerOutcome.Conflict:
                    throw new ConflictException("answer-conflict", "Answered differently before", decision.Problem!);
                case AnswerOutcome.NotWaiting:
                    throw new ConflictException("run-not-waiting", "The run waits for no answer", decision.Problem!);
                case AnswerOutcome.Unchanged:
                    return await runs.GetAsync(tenantId, runId, cancellationToken);
            }

            var stored = decision.Resumes
                ? await TryResumeAsync(tenantId, runId, run, decision.Action!, cancellationToken)
                : await TryStoreAnswersAsync(tenantId, runId, run, decision.Action!, cancellationToken);
            if (stored)
            {
                return await runs.GetAsync(tenantId, runId, cancellationToken);
            }
        }

        throw new ConflictException("run-busy", "The run is being answered", "The run's calls kept changing while this answer was stored; try again.");
    }

    private async Task<StoredRun?> ReadAsync(Guid tenantId, Guid runId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ReadSql);
        command.Add(tenantId);
        command.Add(runId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredRun(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetGuid(2), reader.GetInt32(3))
            : null;
    }

    private async Task<bool> TryStoreAnswersAsync(Guid tenantId, Guid runId, StoredRun run, RequiredAction answered, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(AnswerSql);
        command.Add(tenantId);
        command.Add(runId);
        command.Add(run.Status);
        command.Add(run.ActionJson!);
        command.AddJsonb(JsonSerializer.Serialize(answered, JsonDefaults.Web));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private async Task<bool> TryResumeAsync(
        Guid tenantId, Guid runId, StoredRun run, RequiredAction answered, CancellationToken cancellationToken)
    {
        var next = RunLifecycle.Resume(run.Status);
        var data = JsonSerializer.Serialize(
            new { runId, agentId = run.AgentId, status = next, calls = answered.Calls.Select(c => new { id = c.CallId, tool = c.Tool, needs = c.Needs, approved = c.Answer!.Approved }) },
            JsonDefaults.Web);
        var command = AppendStatement.Guarded(
            tenantId, RunEventTypes.StreamOf(runId), RunEventTypes.Resumed, data, RunSql.Metadata(runId, run.AgentId, run.Depth), ResumeGuard);
        command.Add(tenantId);
        command.Add(runId);
        command.Add(run.Status);
        command.Add(run.ActionJson!);
        command.AddJsonb(JsonSerializer.Serialize(answered, JsonDefaults.Web));
        command.Add(next);
        if (!await AppendStatement.TryAppendGuardedAsync(dataSource, command, cancellationToken))
        {
            return false;
        }

        announcer.Committed(tenantId);
        return true;
    }

    private static int P(int n) => AppendStatement.FirstGuardParameter + n;

    private sealed record StoredRun(string Status, string? ActionJson, Guid AgentId, int Depth);
}
