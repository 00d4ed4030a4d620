using EventAgents.Application.Events.Validation;
using FluentValidation;

namespace EventAgents.Application.Events.Queries.ReadStreamEvents;

public sealed class ReadStreamEventsQueryValidator : AbstractValidator<ReadStreamEventsQuery>
{
    public const int MaxLimit = 1000;

    public ReadStreamEventsQueryValidator()
    {
        RuleFor(q => q.StreamId).MustBeStreamId();
        RuleFor(q => q.FromVersion).GreaterThanOrEqualTo(1).When(q => q.FromVersion is not null);
        RuleFor(q => q.Direction).Must(d => d is "forward" or "backward").WithMessage("Must be 'forward' or 'backward'.");
        RuleFor(q => q.Limit).InclusiveBetween(1, MaxLimit);
    }
}
