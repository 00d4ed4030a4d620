using EventAgents.Domain.Documents;
using Mediator;

namespace EventAgents.Application.Agents.Commands.UpdateAgent;

/// <summary>Replaces an agent's definition; If-Match (a version or *) is required.</summary>
public sealed record UpdateAgentCommand : AgentDefinition, ICommand<AgentDto>
{
    public UpdateAgentCommand(Guid agentId, Preconditions ifMatch, AgentDefinition definition)
        : base(definition)
    {
        AgentId = agentId;
        IfMatch = ifMatch;
    }

    public Guid AgentId { get; }

    public Preconditions IfMatch { get; }
}
