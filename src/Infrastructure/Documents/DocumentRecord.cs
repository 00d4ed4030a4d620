using EventAgents.Domain.Common;

namespace EventAgents.Infrastructure.Documents;

/// <summary>The projection row of a live document (deleted documents have none). Written with hand-written SQL in the event's transaction.</summary>
public sealed class DocumentRecord : ITenantOwned
{
    public Guid TenantId { get; set; }

    public string Collection { get; set; } = string.Empty;

    public string Id { get; set; } = string.Empty;

    public long Version { get; set; }

    public string Data { get; set; } = "{}";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
