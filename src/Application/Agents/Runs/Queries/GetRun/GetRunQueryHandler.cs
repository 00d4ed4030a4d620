using EventAgents.Application.Common.Security;
using Mediator;

namespace EventAgents.Application.Agents.Runs.Queries.GetRun;

public sealed class GetRunQueryHandler(IRunStore runs, ICurrentPrincipal principal) : IQueryHandler<GetRunQuery, RunDto>
{
    public async ValueTask<RunDto> Handle(GetRunQuery query, CancellationToken cancellationToken) =>
        await runs.GetAsync(principal.TenantId, query.RunId, cancellationToken) ?? throw RunErrors.NotFound(query.RunId);
}
