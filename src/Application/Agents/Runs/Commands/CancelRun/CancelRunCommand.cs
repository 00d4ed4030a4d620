using Mediator;

namespace EventAgents.Application.Agents.Runs.Commands.CancelRun;

public sealed record CancelRunCommand(Guid RunId) : ICommand<RunDto>;
