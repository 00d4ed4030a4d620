using EventAgents.Application.Events;

namespace EventAgents.WebApi.Contracts.Events;

/// <summary>A page of one stream's events.</summary>
/// <param name="StreamId">The stream.</param>
/// <param name="Version">The stream's current version.</param>
/// <param name="Events">The events, in the requested direction.</param>
/// <param name="Next">URL of the next page, or null at the end.</param>
public sealed record StreamEventsResponse(string StreamId, long Version, IReadOnlyList<EventDto> Events, string? Next);
