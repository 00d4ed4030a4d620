using EventAgents.Application.Events.Validation;
using FluentValidation;

namespace EventAgents.Application.Events.Queries.ReadAllEvents;

public sealed class ReadAllEventsQueryValidator : AbstractValidator<ReadAllEventsQuery>
{
    public const int MaxLimit = 1000;
    public const int MaxTypes = 20;

    public ReadAllEventsQueryValidator()
    {
        RuleFor(q => q.After).GreaterThanOrEqualTo(0);
        RuleFor(q => q.Limit).InclusiveBetween(1, MaxLimit);
        RuleFor(q => q.Types).Must(t => t.Count <= MaxTypes).WithMessage($"At most {MaxTypes} types.");
        RuleForEach(q => q.Types).MustBeEventType().OverridePropertyName("type");
        RuleFor(q => q.StreamPrefix).MustBeStreamPrefix();
    }
}
