using EventAgents.Application.Common.Paging;
using EventAgents.Application.Events.Validation;
using FluentValidation;

namespace EventAgents.Application.Events.Queries.ListStreams;

public sealed class ListStreamsQueryValidator : AbstractValidator<ListStreamsQuery>
{
    public ListStreamsQueryValidator()
    {
        RuleFor(q => q.Prefix).MustBeStreamPrefix();
        RuleFor(q => q.Limit).InclusiveBetween(1, PageLimits.MaxLimit);
        RuleFor(q => q.Cursor).MaximumLength(1024);
    }
}
