namespace EventAgents.Application.Events.Queries.ReadStreamEvents;

/// <param name="NextFromVersion">Where the next page starts, or null at the end.</param>
public sealed record StreamEventsPage(string StreamId, long Version, IReadOnlyList<EventDto> Events, long? NextFromVersion);
