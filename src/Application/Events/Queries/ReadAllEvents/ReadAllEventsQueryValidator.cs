using EventAgents.Application.Events.Validation;
using FluentValidation;

namespace EventAgents.Application.Events.Queries.ReadAllEvents;

public sealed class ReadAllEventsQueryValidator : AbstractValidator<ReadAllEventsQuery>
{
    public const int MaxLimit = 1000;

    public ReadAllEventsQueryValidator()
    {
        Include(new LogFilterValidator());
        RuleFor(q => q.Limit).InclusiveBetween(1, MaxLimit);
    }
}
