namespace EventAgents.Application.Tenants.Exports;

/// <summary>Tenant exports: jobs a background worker runs, whose NDJSON content is stored for download.</summary>
public interface ITenantExports
{
    /// <summary>Queues an export of the tenant; null when the tenant does not exist (or is offboarded).</summary>
    Task<TenantExportDto?> StartAsync(Guid tenantId, string requestedBy, CancellationToken cancellationToken);

    Task<TenantExportDto?> GetAsync(Guid tenantId, Guid exportId, CancellationToken cancellationToken);

    /// <summary>The content of a succeeded export; null when there is no such export or it has not succeeded.</summary>
    Task<TenantExportContent?> OpenContentAsync(Guid tenantId, Guid exportId, CancellationToken cancellationToken);
}
