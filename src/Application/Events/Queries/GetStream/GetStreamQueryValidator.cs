using EventAgents.Application.Events.Validation;
using FluentValidation;

namespace EventAgents.Application.Events.Queries.GetStream;

public sealed class GetStreamQueryValidator : AbstractValidator<GetStreamQuery>
{
    public GetStreamQueryValidator() => RuleFor(q => q.StreamId).MustBeStreamId();
}
