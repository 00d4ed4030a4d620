using EventAgents.Application.Common.Paging;
using EventAgents.Application.Common.Security;
using Mediator;

namespace EventAgents.Application.Agents.Queries.ListAgents;

public sealed class ListAgentsQueryHandler(IAgentRepository agents, ICurrentPrincipal principal) : IQueryHandler<ListAgentsQuery, Page<AgentDto>>
{
    public async ValueTask<Page<AgentDto>> Handle(ListAgentsQuery query, CancellationToken cancellationToken)
    {
        var scope = "agents:" + principal.TenantId.ToString("N");
        Guid? after = query.Cursor is null ? null : CursorCodec.Decode<Guid>(query.Cursor, scope);
        var rows = await agents.ListAsync(after, query.Limit + 1, cancellationToken);
        return PageBuilder.ToPage(rows, query.Limit, AgentDto.From, a => a.Id, scope);
    }
}
