using EventAgents.Application.Common.Security;
using Mediator;

namespace EventAgents.Application.Agents.Runs.Queries.GetRunSteps;

public sealed class GetRunStepsQueryHandler(IRunStore runs, ICurrentPrincipal principal) : IQueryHandler<GetRunStepsQuery, RunStepsDto>
{
    public async ValueTask<RunStepsDto> Handle(GetRunStepsQuery query, CancellationToken cancellationToken) =>
        new(query.RunId, await runs.GetStepsAsync(principal.TenantId, query.RunId, cancellationToken) ?? throw RunErrors.NotFound(query.RunId));
}
