using System.Text.Json.Serialization;

namespace EventAgents.Domain.Agents;

/// <summary>
/// What a partner defines about an agent; validated in the Application layer before it gets here. <see cref="TriggerTools"/>
/// are the tools a run started by a trigger may use (null: the agent's read-only tools), since such a run acts on event data
/// written by whoever may append, not by the client that wrote the agent. <see cref="CustomTools"/> are the partner's own
/// tools; they are never read-only, so a triggered run holds them only when <see cref="TriggerTools"/> names them.
/// </summary>
public sealed record AgentSettings(
    string Name,
    string? Description,
    string Instructions,
    AgentModel Model,
    IReadOnlyList<string> Tools,
    IReadOnlyList<AgentTrigger> Triggers,
    int TimeoutSeconds,
    int MaxAttempts,
    int MaxSteps,
    int MaxConcurrentRuns,
    bool Enabled,
    IReadOnlyList<string>? TriggerTools = null,
    IReadOnlyList<CustomTool>? CustomTools = null,
    IReadOnlyList<string>? ToolsRequiringApproval = null,
    int? ActionTimeoutSeconds = null)
{
    /// <summary>How long a paused run waits for its calls' outputs or approvals before it fails (action-timeout).</summary>
    [JsonIgnore]
    public int EffectiveActionTimeoutSeconds => ActionTimeoutSeconds ?? AgentLimits.DefaultActionTimeoutSeconds;

    /// <summary>Whether a call of the tool waits for approval: a built-in tool listed in <see cref="ToolsRequiringApproval"/>, or a custom tool marked so.</summary>
    public bool NeedsApproval(string toolName) =>
        (ToolsRequiringApproval?.Contains(toolName) ?? false)
        || EffectiveCustomTools.Any(tool => tool.RequiresApproval == true && (tool.Name == toolName || (tool as McpTool)?.ToolOf(toolName) is not null));

    /// <summary>Every name the model may call the agent's custom tools by (an mcp server's tools each have one).</summary>
    public IEnumerable<string> CustomToolNames() => EffectiveCustomTools.SelectMany(tool => tool is McpTool mcp
        ? mcp.AllowedTools.Select(mcp.WireNameOf)
        : [tool.Name]);

    /// <summary>The partner-defined tools (none when the agent has none).</summary>
    [JsonIgnore]
    public IReadOnlyList<CustomTool> EffectiveCustomTools => CustomTools ?? [];

    /// <summary>The tools a triggered run may use: the chosen ones, or by default those of the agent's tools that only read.</summary>
    public IReadOnlyList<string> EffectiveTriggerTools =>
        TriggerTools ?? Tools.Where(name => AgentTools.Find(name)?.IsReadOnly == true).ToList();
}
