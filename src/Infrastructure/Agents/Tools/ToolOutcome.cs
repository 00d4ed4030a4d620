using EventAgents.Application.Agents.Runs;

namespace EventAgents.Infrastructure.Agents.Tools;

/// <summary>What a custom tool call came to: its result as JSON, or why it failed.</summary>
internal sealed record ToolOutcome(string? ResultJson, StepError? Error)
{
    public static ToolOutcome Failed(string code, string? message = null) => new(null, new StepError(code, message));
}
