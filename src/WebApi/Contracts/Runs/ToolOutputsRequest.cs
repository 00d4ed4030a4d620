using EventAgents.Application.Agents.Runs;

namespace EventAgents.WebApi.Contracts.Runs;

/// <summary>Outputs of client tool calls a paused run waits on.</summary>
/// <param name="Outputs">1–64 outputs, each for a different call.</param>
public sealed record ToolOutputsRequest(IReadOnlyList<ToolOutput>? Outputs);
