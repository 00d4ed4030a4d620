using Mediator;

namespace EventAgents.Application.Agents.Runs.Commands.DecideToolCalls;

public sealed record DecideToolCallsCommand(Guid RunId, IReadOnlyList<ToolCallDecision>? Decisions) : ICommand<RunDto>;
