using EventAgents.Domain.Agents;

namespace EventAgents.Application.Agents;

/// <summary>
/// The body of a create or replace: what the partner sends, with the documented defaults for what it leaves out. The
/// commands derive from it, so validation errors name the body's own members (<c>name</c>, <c>model.provider</c>).
/// </summary>
public abstract record AgentDefinition
{
    /// <summary>Unique among the tenant's agents; 1–100 characters.</summary>
    public string? Name { get; init; }

    public string? Description { get; init; }

    /// <summary>The system prompt; up to 32,000 characters.</summary>
    public string? Instructions { get; init; }

    public AgentModel? Model { get; init; }

    /// <summary>Tools the agent may call: documents.read, documents.write, events.read, events.append.</summary>
    public IReadOnlyList<string>? Tools { get; init; }

    /// <summary>
    /// The partner's own tools, by <c>kind</c>: <c>http</c> (a function at a URL, called signed with the agent's tool secret)
    /// <c>client</c> (the run pauses until the partner posts the call's output) or <c>mcp</c> (a remote MCP server and the tools
    /// the agent may use from it). Their names must differ from each other
    /// and from the built-in tools'; <c>requiresApproval</c> makes each call wait for approval.
    /// </summary>
    public IReadOnlyList<CustomTool>? CustomTools { get; init; }

    /// <summary>Built-in tools of <see cref="Tools"/> whose every call waits for approval (scope <c>agents:approve</c>).</summary>
    public IReadOnlyList<string>? ToolsRequiringApproval { get; init; }

    /// <summary>How long a paused run waits for tool outputs or approvals, 1–604,800 seconds (7 days), default 3600; then it fails with action-timeout.</summary>
    public int? ActionTimeoutSeconds { get; init; }

    /// <summary>Events that start a run of this agent (never the service's own: agent.run.*, document.*, webhook.*).</summary>
    public IReadOnlyList<AgentTrigger>? Triggers { get; init; }

    /// <summary>
    /// The tools a run started by a trigger may use, a subset of <see cref="Tools"/> and the names of
    /// <see cref="CustomTools"/>; default: the read-only ones
    /// (documents.read, events.read). A triggered run acts on event data anyone who may append can write.
    /// </summary>
    public IReadOnlyList<string>? TriggerTools { get; init; }

    /// <summary>1–900 seconds, default 120.</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>1–10, default 3.</summary>
    public int? MaxAttempts { get; init; }

    /// <summary>Model calls per run, 1–64, default 16: bounds the tool loop.</summary>
    public int? MaxSteps { get; init; }

    /// <summary>1–100, default 4, across all instances.</summary>
    public int? MaxConcurrentRuns { get; init; }

    /// <summary>Default true; a disabled agent is not triggered and cannot be run.</summary>
    public bool? Enabled { get; init; }

    public AgentSettings ToSettings() => new(
        Name!.Trim(),
        string.IsNullOrWhiteSpace(Description) ? null : Description,
        Instructions!,
        Model!,
        (Tools ?? []).Distinct(StringComparer.Ordinal).ToList(),
        (Triggers ?? []).Select(t => new AgentTrigger(t.EventType, string.IsNullOrEmpty(t.StreamPrefix) ? null : t.StreamPrefix)).Distinct().ToList(),
        TimeoutSeconds ?? AgentLimits.DefaultTimeoutSeconds,
        MaxAttempts ?? AgentLimits.DefaultMaxAttempts,
        MaxSteps ?? AgentLimits.DefaultMaxSteps,
        MaxConcurrentRuns ?? AgentLimits.DefaultMaxConcurrentRuns,
        Enabled ?? true,
        TriggerTools?.Distinct(StringComparer.Ordinal).ToList(),
        CustomTools is { Count: > 0 } custom ? custom : null,
        ToolsRequiringApproval is { Count: > 0 } approval ? approval.Distinct(StringComparer.Ordinal).ToList() : null,
        ActionTimeoutSeconds);
}
