using EventAgents.Application.Common.Paging;
using EventAgents.Application.Common.Security;
using FluentValidation;
using Mediator;

namespace EventAgents.Application.Agents.Queries.ListAgents;

public sealed class ListAgentsQueryValidator : AbstractValidator<ListAgentsQuery>
{
    public ListAgentsQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, PageLimits.MaxLimit);
        RuleFor(q => q.Cursor).MaximumLength(512);
    }
}
