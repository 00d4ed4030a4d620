using EventAgents.Domain.Common;

namespace EventAgents.Infrastructure.Events;

public sealed class StreamRecord : ITenantOwned
{
    public Guid TenantId { get; set; }

    public string StreamId { get; set; } = string.Empty;

    public long Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
