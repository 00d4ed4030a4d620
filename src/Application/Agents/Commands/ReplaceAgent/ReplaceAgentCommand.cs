using Mediator;
using EventAgents.Domain.Common;

namespace EventAgents.Application.Agents.Commands.ReplaceAgent;

/// <summary>Replaces an agent's definition; If-Match (a version or *) is required.</summary>
public sealed record ReplaceAgentCommand : AgentDefinition, ICommand<AgentDto>
{
    public ReplaceAgentCommand(Guid agentId, Preconditions ifMatch, AgentDefinition definition)
        : base(definition)
    {
        AgentId = agentId;
        IfMatch = ifMatch;
    }

    public Guid AgentId { get; }

    public Preconditions IfMatch { get; }
}
