using EventAgents.Application.Common.Paging;
using EventAgents.Application.Common.Security;
using Mediator;

namespace EventAgents.Application.Agents.Runs.Queries.ListRuns;

/// <summary>Newest first; the cursor is bound to the tenant and the filters.</summary>
public sealed class ListRunsQueryHandler(IRunStore runs, ICurrentPrincipal principal) : IQueryHandler<ListRunsQuery, Page<RunDto>>
{
    public async ValueTask<Page<RunDto>> Handle(ListRunsQuery query, CancellationToken cancellationToken)
    {
        var scope = $"runs:{principal.TenantId:N}:{query.AgentId:N}:{query.Status}";
        Guid? before = query.Cursor is null ? null : CursorCodec.Decode<Guid>(query.Cursor, scope);
        var rows = await runs.ListAsync(principal.TenantId, query.AgentId, query.Status, before, query.Limit + 1, cancellationToken);
        return PageBuilder.ToPage(rows, query.Limit, r => r, r => r.Id, scope);
    }
}
