using EventAgents.Domain.Common;

namespace EventAgents.Infrastructure.Events;

// Table shapes of the event store, for the EF Core model and migrations only. Rows are written by the es_append
// function and read with hand-written SQL (see PostgresEventStore); EF Core never tracks them.

public sealed class StreamRecord : ITenantOwned
{
    public Guid TenantId { get; set; }

    public string StreamId { get; set; } = string.Empty;

    public long Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

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

/// <summary>The last position of a tenant's global log; its row lock is the tenant's append serialisation point.</summary>
public sealed class TenantLogRecord : ITenantOwned
{
    public Guid TenantId { get; set; }

    public long LastPosition { get; set; }
}
