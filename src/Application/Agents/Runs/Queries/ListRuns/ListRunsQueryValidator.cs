using EventAgents.Application.Common.Paging;
using EventAgents.Domain.Agents;
using FluentValidation;

namespace EventAgents.Application.Agents.Runs.Queries.ListRuns;

public sealed class ListRunsQueryValidator : PagedQueryValidator<ListRunsQuery>
{
    public ListRunsQueryValidator()
    {
        RuleFor(q => q.Status).Must(s => s is null || RunStatus.All.Contains(s))
            .WithMessage($"The status is one of: {string.Join(", ", RunStatus.All)}.");
    }
}
