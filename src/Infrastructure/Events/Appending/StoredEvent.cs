using EventAgents.Application.Events;

namespace EventAgents.Infrastructure.Events.Appending;

/// <summary>One stored event of an append.</summary>
internal sealed record StoredEvent(Guid EventId, long Version, long Position, DateTimeOffset CreatedAt)
{
    public AppendedEvent ToAppended() => new(EventId, Version, Position);
}
