using Mediator;

namespace EventAgents.Application.Agents.Commands.RotateAgentToolSecret;

public sealed record RotateAgentToolSecretCommand(Guid AgentId) : ICommand<ToolSecretDto>;
