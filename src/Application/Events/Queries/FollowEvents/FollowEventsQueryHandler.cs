using Mediator;

namespace EventAgents.Application.Events.Queries.FollowEvents;

public sealed class FollowEventsQueryHandler : IQueryHandler<FollowEventsQuery, EventFeed>
{
    public ValueTask<EventFeed> Handle(FollowEventsQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new EventFeed(query.After, query.Types, query.StreamPrefix));
}
