using EventAgents.Application.Agents.Validation;

namespace EventAgents.Application.Agents.Commands.UpdateAgent;

public sealed class UpdateAgentCommandValidator : AgentDefinitionValidator<UpdateAgentCommand>;
