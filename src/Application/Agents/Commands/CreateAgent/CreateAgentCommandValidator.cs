using EventAgents.Application.Agents.Validation;

namespace EventAgents.Application.Agents.Commands.CreateAgent;

public sealed class CreateAgentCommandValidator : AgentDefinitionValidator<CreateAgentCommand>;
