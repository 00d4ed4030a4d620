using System.Text.Json.Serialization;
using EventAgents.Domain.Agents;

namespace EventAgents.Application.Agents;

/// <summary>
/// An agent as the API shows it. <see cref="TriggerStatus"/>: <c>active</c>, <c>disabled</c> (the agent is), or
/// <c>writer-revoked</c> (the client that last wrote it was revoked, so events no longer wake it until another client
/// writes it again).
/// </summary>
public sealed record AgentDto(
    Guid Id,
    string Name,
    string? Description,
    string Instructions,
    AgentModel Model,
    IReadOnlyList<string> Tools,
    IReadOnlyList<CustomTool> CustomTools,
    IReadOnlyList<string> ToolsRequiringApproval,
    int ActionTimeoutSeconds,
    IReadOnlyList<AgentTrigger> Triggers,
    IReadOnlyList<string> TriggerTools,
    string TriggerStatus,
    int TimeoutSeconds,
    int MaxAttempts,
    int MaxSteps,
    int MaxConcurrentRuns,
    bool Enabled,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>
    /// The secret that signs the agent's calls to its http tools (<c>whsec_…</c>, Standard Webhooks): in the answer to the
    /// create only, never again; <c>POST /api/v1/agents/{agentId}/rotate-tool-secret</c> replaces it.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ToolSecret { get; init; }

    public const string Active = "active";
    public const string Disabled = "disabled";
    public const string WriterRevoked = "writer-revoked";

    public static AgentDto From(Agent agent, bool writerActive = true)
    {
        var s = agent.Settings;
        var triggerStatus = !s.Enabled ? Disabled : writerActive ? Active : WriterRevoked;
        return new AgentDto(
            agent.Id, s.Name, s.Description, s.Instructions, s.Model, s.Tools, s.EffectiveCustomTools, s.ToolsRequiringApproval ?? [], s.EffectiveActionTimeoutSeconds, s.Triggers, s.EffectiveTriggerTools, triggerStatus,
            s.TimeoutSeconds, s.MaxAttempts, s.MaxSteps, s.MaxConcurrentRuns, s.Enabled, agent.Version, agent.CreatedAt, agent.UpdatedAt);
    }
}
