using EventAgents.Application.Events.Validation;
using EventAgents.Domain.Events;
using FluentValidation;

namespace EventAgents.Application.Events.Commands.SetStreamMetadata;

public sealed class SetStreamMetadataCommandValidator : AbstractValidator<SetStreamMetadataCommand>
{
    public SetStreamMetadataCommandValidator()
    {
        RuleFor(c => c.StreamId).MustBeStreamId()
            .Must(id => !StreamId.IsSystemId(id))
            .WithMessage("System streams (doc:, run:, webhook:, schema:, meta:) are the service's: their retention is not the partner's to set.");
        RuleFor(c => c.Metadata).NotNull().WithMessage("A body with maxAge, maxCount and truncateBefore (each optional) is required.");
        RuleFor(c => c.Metadata.MaxAge).InclusiveBetween((long)StreamRetention.MinAge.TotalSeconds, (long)StreamRetention.MaxAgeLimit.TotalSeconds)
            .When(c => c.Metadata?.MaxAge is not null).OverridePropertyName("maxAge");
        RuleFor(c => c.Metadata.MaxCount).GreaterThanOrEqualTo(1).When(c => c.Metadata?.MaxCount is not null).OverridePropertyName("maxCount");
        RuleFor(c => c.Metadata.TruncateBefore).GreaterThanOrEqualTo(0).When(c => c.Metadata?.TruncateBefore is not null).OverridePropertyName("truncateBefore");
    }
}
