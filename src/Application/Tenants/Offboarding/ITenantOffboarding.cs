namespace EventAgents.Application.Tenants.Offboarding;

/// <summary>Offboarding tenants: disable at once, erase in the background (Domain/Tenants/TenantOffboarding).</summary>
public interface ITenantOffboarding
{
    /// <summary>Disables the tenant now (idempotent); null when it does not exist.</summary>
    Task<TenantOffboardingDto?> OffboardAsync(Guid tenantId, CancellationToken cancellationToken);

    /// <summary>The tenant's offboarding; null when it does not exist or is not offboarded.</summary>
    Task<TenantOffboardingDto?> GetAsync(Guid tenantId, CancellationToken cancellationToken);
}
