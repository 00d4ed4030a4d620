using EventAgents.Application.Common.Paging;
using EventAgents.Application.Events.Validation;
using FluentValidation;

namespace EventAgents.Application.Events.Queries.ListStreams;

public sealed class ListStreamsQueryValidator : PagedQueryValidator<ListStreamsQuery>
{
    public ListStreamsQueryValidator()
        : base(maxCursorLength: 1024)
    {
        RuleFor(q => q.Prefix).MustBeStreamPrefix();
    }
}
