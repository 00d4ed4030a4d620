namespace EventAgents.WebApi.Contracts.Events;

/// <summary>A batch of events to append to one stream, atomically.</summary>
/// <param name="ExpectedVersion">Absent: append at any version. 0: the stream must not exist yet. N ≥ 1: the stream must be at exactly N.</param>
/// <param name="Events">1–100 events.</param>
public sealed record AppendEventsRequest(long? ExpectedVersion, IReadOnlyList<NewEventRequest> Events);
