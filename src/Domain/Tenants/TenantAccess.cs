using EventAgents.Domain.Auth;

namespace EventAgents.Domain.Tenants;

/// <summary>
/// Who may act on a tenant as a whole (its export): the platform's administrators for every tenant, and a tenant's own
/// clients holding the operation's scope for their tenant only.
/// </summary>
public static class TenantAccess
{
    public static bool IsPlatformAdmin(Guid callerTenantId, IReadOnlyCollection<string> scopes) =>
        callerTenantId == Tenant.PlatformId && scopes.Contains(Scopes.Admin);

    /// <summary>Whether the caller may use <paramref name="scope"/> on <paramref name="tenantId"/>.</summary>
    public static bool Allows(Guid callerTenantId, IReadOnlyCollection<string> scopes, Guid tenantId, string scope) =>
        IsPlatformAdmin(callerTenantId, scopes) || (callerTenantId == tenantId && scopes.Contains(scope));
}
