using EventAgents.Application.Clients;
using Mediator;

namespace EventAgents.Application.Agents.Queries.GetAgent;

public sealed class GetAgentQueryHandler(IAgentRepository agents, IClientStatusCache clients) : IQueryHandler<GetAgentQuery, AgentDto>
{
    public async ValueTask<AgentDto> Handle(GetAgentQuery query, CancellationToken cancellationToken)
    {
        var agent = await agents.FindAsync(query.AgentId, cancellationToken) ?? throw AgentErrors.NotFound(query.AgentId);
        return AgentDto.From(agent, await clients.IsActiveAsync(agent.WrittenBy, cancellationToken));
    }
}
