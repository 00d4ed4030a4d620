using Mediator;

namespace EventAgents.Application.Agents.Queries.GetAgent;

public sealed class GetAgentQueryHandler(IAgentRepository agents) : IQueryHandler<GetAgentQuery, AgentDto>
{
    public async ValueTask<AgentDto> Handle(GetAgentQuery query, CancellationToken cancellationToken) =>
        AgentDto.From(await agents.FindAsync(query.AgentId, cancellationToken) ?? throw AgentErrors.NotFound(query.AgentId));
}
