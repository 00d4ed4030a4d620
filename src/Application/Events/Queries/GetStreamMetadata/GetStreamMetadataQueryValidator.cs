using EventAgents.Application.Events.Validation;
using FluentValidation;

namespace EventAgents.Application.Events.Queries.GetStreamMetadata;

public sealed class GetStreamMetadataQueryValidator : AbstractValidator<GetStreamMetadataQuery>
{
    public GetStreamMetadataQueryValidator() => RuleFor(q => q.StreamId).MustBeStreamId();
}
