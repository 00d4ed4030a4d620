namespace EventAgents.Application.Common.Quotas;

/// <summary>Configuration section <c>Quotas</c>: what one tenant may hold and start, so one tenant cannot run away with the service.</summary>
public sealed class QuotaOptions
{
    public const string SectionName = "Quotas";

    /// <summary>Agents a tenant may have (deleted ones do not count).</summary>
    public int MaxAgentsPerTenant { get; set; } = 100;

    /// <summary>Webhook subscriptions a tenant may have.</summary>
    public int MaxWebhooksPerTenant { get; set; } = 25;

    /// <summary>Runs one append may queue through triggers; an append that would queue more is refused (422).</summary>
    public int MaxRunsPerAppend { get; set; } = 25;

    /// <summary>Runs a tenant may queue per minute, started or triggered; beyond it, 429 with Retry-After.</summary>
    public int MaxRunsPerTenantPerMinute { get; set; } = 600;

    /// <summary>
    /// Bytes of events (documents' changes included) a tenant may store, as PostgreSQL stores them; an append or document write
    /// past it is refused (507). The log is append-only, so deleting a document does not free its history.
    /// </summary>
    public long MaxStoredBytesPerTenant { get; set; } = 10L * 1024 * 1024 * 1024;
}
