using Mediator;

namespace EventAgents.Application.Agents.Runs.Commands.SubmitToolOutputs;

public sealed record SubmitToolOutputsCommand(Guid RunId, IReadOnlyList<ToolOutput>? Outputs) : ICommand<RunDto>;
