using EventAgents.Application.Agents.Runs;
using EventAgents.Application.Common.Json;
using EventAgents.Domain.Agents;
using EventAgents.Infrastructure.Events.Appending;
using Npgsql;

namespace EventAgents.Infrastructure.Agents.Runs;

/// <summary>SQL shared by the run store (API) and the run queue (workers): the run's columns and its lifecycle events.</summary>
internal static class RunSql
{
    public const string Columns =
        "r.id, r.agent_id, r.status, r.input::text, r.output::text, r.error::text, r.attempt, r.failed_attempts, r.max_attempts, " +
        "CASE WHEN r.status = 'queued' AND r.attempt > 0 THEN r.available_at END, r.trigger::text, r.input_tokens, r.output_tokens, " +
        "r.created_at, r.started_at, r.finished_at, CASE WHEN r.status = 'requires_action' THEN r.required_action::text END";

    public static RunDto Read(NpgsqlDataReader reader, int offset = 0) => new(
        reader.GetGuid(offset),
        reader.GetGuid(offset + 1),
        reader.GetString(offset + 2),
        new RawJson(reader.GetString(offset + 3)),
        reader.IsDBNull(offset + 4) ? null : new RawJson(reader.GetString(offset + 4)),
        reader.IsDBNull(offset + 5) ? null : System.Text.Json.JsonSerializer.Deserialize<RunError>(reader.GetString(offset + 5), JsonDefaults.Web),
        reader.GetInt32(offset + 6),
        reader.GetInt32(offset + 7),
        reader.GetInt32(offset + 8),
        reader.IsDBNull(offset + 9) ? null : reader.GetFieldValue<DateTimeOffset>(offset + 9),
        RunTrigger.Parse(reader.GetString(offset + 10)),
        new RunUsage(reader.GetInt64(offset + 11), reader.GetInt64(offset + 12)),
        reader.GetFieldValue<DateTimeOffset>(offset + 13),
        reader.IsDBNull(offset + 14) ? null : reader.GetFieldValue<DateTimeOffset>(offset + 14),
        reader.IsDBNull(offset + 15) ? null : reader.GetFieldValue<DateTimeOffset>(offset + 15),
        reader.IsDBNull(offset + 16) ? null
            : RequiredActionDto.From(System.Text.Json.JsonSerializer.Deserialize<RequiredAction>(reader.GetString(offset + 16), JsonDefaults.Web)!));

    /// <summary>Appends one lifecycle event to run:{id}, inside the caller's transaction (tenant lock taken here).</summary>
    public static NpgsqlBatchCommand AppendEvent(Guid tenantId, Guid runId, string type, string dataJson, string metadataJson) =>
        AppendStatement.SystemEvent(tenantId, RunEventTypes.StreamOf(runId), type, dataJson, metadataJson);

    /// <summary>Lifecycle events carry the run as their causation, so the agent is never woken by its own run.</summary>
    public static string Metadata(Guid runId, Guid agentId, int depth) =>
        System.Text.Json.JsonSerializer.Serialize(new { causation = new { runId, agentId, depth } }, JsonDefaults.Web);
}
