namespace EventAgents.Application.Events;

public sealed record AppendedEvent(Guid EventId, long Version, long Position);
