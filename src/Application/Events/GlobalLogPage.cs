namespace EventAgents.Application.Events;

/// <summary>
/// A page of the tenant's global log. <see cref="LastPosition"/> is where the next read starts (<c>after</c>); it can be past the
/// last event shown when filters skipped events, and it never moves past an event that could still become visible.
/// </summary>
public sealed record GlobalLogPage(IReadOnlyList<EventDto> Events, long LastPosition, bool HasMore);
