using EventAgents.Application.Clients;
using EventAgents.Application.Common.Paging;
using EventAgents.Application.Common.Security;
using Mediator;

namespace EventAgents.Application.Agents.Queries.ListAgents;

public sealed class ListAgentsQueryHandler(IAgentRepository agents, ICurrentPrincipal principal, IClientStatusCache clients)
    : IQueryHandler<ListAgentsQuery, Page<AgentDto>>
{
    public async ValueTask<Page<AgentDto>> Handle(ListAgentsQuery query, CancellationToken cancellationToken)
    {
        var scope = "agents:" + principal.TenantId.ToString("N");
        Guid? after = query.Cursor is null ? null : CursorCodec.Decode<Guid>(query.Cursor, scope);
        var rows = await agents.ListAsync(after, query.Limit + 1, cancellationToken);
        var activeWriters = new HashSet<string>(StringComparer.Ordinal);
        foreach (var writer in rows.Select(a => a.WrittenBy).Distinct(StringComparer.Ordinal))
        {
            if (await clients.IsActiveAsync(writer, cancellationToken))
            {
                activeWriters.Add(writer);
            }
        }

        return PageBuilder.ToPage(rows, query.Limit, a => AgentDto.From(a, activeWriters.Contains(a.WrittenBy)), a => a.Id, scope);
    }
}
