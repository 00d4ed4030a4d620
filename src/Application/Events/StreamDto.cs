namespace EventAgents.Application.Events;

/// <summary>A stream: its id, current version (= number of events) and when it was created and last appended to.</summary>
public sealed record StreamDto(string StreamId, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
