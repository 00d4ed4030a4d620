using EventAgents.Application.Events;

namespace EventAgents.WebApi.Contracts.Events;

/// <summary>A page of one stream's events.</summary>
/// <param name="StreamId">The stream.</param>
/// <param name="Version">The stream's current version.</param>
/// <param name="Items">The events, in the requested direction.</param>
/// <param name="NextCursor">Send it as <c>cursor</c> (with the same <c>direction</c> and <c>limit</c>) for the next page; null at the end.</param>
public sealed record StreamEventsResponse(string StreamId, long Version, IReadOnlyList<EventDto> Items, string? NextCursor);
