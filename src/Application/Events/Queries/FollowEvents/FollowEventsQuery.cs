using Mediator;

namespace EventAgents.Application.Events.Queries.FollowEvents;

/// <summary>Checks a live feed's filter before its response starts (so bad input is still a 400 problem) and hands it back.</summary>
public sealed record FollowEventsQuery(long After, IReadOnlyList<string> Types, string? StreamPrefix) : IQuery<EventFeed>, ILogFilter;
