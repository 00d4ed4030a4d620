using EventAgents.Domain.Common;

namespace EventAgents.Infrastructure.Events;

/// <summary>The last position of a tenant's global log; its row lock is the tenant's append serialisation point.</summary>
public sealed class TenantLogRecord : ITenantOwned
{
    public Guid TenantId { get; set; }

    public long LastPosition { get; set; }
}
