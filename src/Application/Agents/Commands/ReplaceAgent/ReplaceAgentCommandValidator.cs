using EventAgents.Application.Agents.Validation;

namespace EventAgents.Application.Agents.Commands.ReplaceAgent;

public sealed class ReplaceAgentCommandValidator : AgentDefinitionValidator<ReplaceAgentCommand>;
