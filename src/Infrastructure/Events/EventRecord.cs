using EventAgents.Domain.Common;

namespace EventAgents.Infrastructure.Events;

public sealed class EventRecord : ITenantOwned
{
    public Guid TenantId { get; set; }

    public long Position { get; set; }

    public string StreamId { get; set; } = string.Empty;

    public long Version { get; set; }

    public Guid EventId { get; set; }

    public string EventType { get; set; } = string.Empty;

    public string Data { get; set; } = "{}";

    public string Metadata { get; set; } = "{}";

    public DateTimeOffset CreatedAt { get; set; }
}
