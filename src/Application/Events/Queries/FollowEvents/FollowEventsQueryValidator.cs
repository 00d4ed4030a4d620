using EventAgents.Application.Events.Validation;
using FluentValidation;

namespace EventAgents.Application.Events.Queries.FollowEvents;

public sealed class FollowEventsQueryValidator : AbstractValidator<FollowEventsQuery>
{
    public FollowEventsQueryValidator() => Include(new LogFilterValidator());
}
