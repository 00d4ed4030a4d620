using EventAgents.Application.Events.Validation;
using EventAgents.Domain.Events;
using FluentValidation;

namespace EventAgents.Application.Events.Commands.AppendEvents;

public sealed class AppendEventsCommandValidator : AbstractValidator<AppendEventsCommand>
{
    public const int MaxEventsPerAppend = 100;

    public AppendEventsCommandValidator()
    {
        RuleFor(c => c.StreamId).MustBeStreamId()
            .Must(id => !StreamId.IsSystemId(id))
            .WithMessage("Streams starting with 'doc:', 'run:', 'webhook:', 'schema:' or 'meta:' are written by the service only.");
        RuleFor(c => c.ExpectedVersion).GreaterThanOrEqualTo(0).When(c => c.ExpectedVersion is not null);
        RuleFor(c => c.Events).NotEmpty()
            .Must(events => events is null || events.Count <= MaxEventsPerAppend)
            .WithMessage($"At most {MaxEventsPerAppend} events per append.")
            .Must(events => events is null || DistinctIds(events))
            .WithMessage("Event ids must be unique within a batch.");
        // ChildRules skip a null item, so a null event is refused here, before them (found by the fuzz suite: a 500).
        RuleForEach(c => c.Events).NotNull().WithMessage("An event is a JSON object, not null.").ChildRules(e =>
        {
            e.RuleFor(x => x.EventId).NotEqual(Guid.Empty).When(x => x?.EventId is not null);
            e.RuleFor(x => x.Type).MustBeEventType().When(x => x is not null);
            e.RuleFor(x => x.Data).MustBeJsonObject().When(x => x is not null);
            e.RuleFor(x => x.SchemaVersion).GreaterThan(0).When(x => x?.SchemaVersion is not null);
            e.RuleFor(x => x.Metadata!.Value).MustBeJsonObject().When(x => x?.Metadata is not null).OverridePropertyName("metadata");
        });
    }

    private static bool DistinctIds(IReadOnlyList<NewEvent> events)
    {
        var ids = events.Where(e => e?.EventId is not null).Select(e => e.EventId!.Value).ToList();
        return ids.Distinct().Count() == ids.Count;
    }
}
