using Mediator;

namespace EventAgents.Application.Agents.Commands.CreateAgent;

public sealed record CreateAgentCommand : AgentDefinition, ICommand<AgentDto>
{
    public CreateAgentCommand(AgentDefinition definition)
        : base(definition)
    {
    }
}
