using Mediator;

namespace EventAgents.Application.Agents.Commands.DeleteAgent;

public sealed record DeleteAgentCommand(Guid AgentId) : ICommand;
