namespace EventAgents.Application.Events.Commands.AppendEvents;

public sealed record AppendEventsResult(string StreamId, long FromVersion, long ToVersion, IReadOnlyList<AppendedEvent> Events);
