using EventAgents.Application.Agents.Runs;

namespace EventAgents.WebApi.Contracts.Runs;

/// <summary>Decisions on tool calls a paused run waits to have approved.</summary>
/// <param name="Decisions">1–64 decisions, each for a different call.</param>
public sealed record ApprovalsRequest(IReadOnlyList<ToolCallDecision>? Decisions);
