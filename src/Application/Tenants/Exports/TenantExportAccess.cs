using EventAgents.Application.Common.Exceptions;
using EventAgents.Application.Common.Security;
using EventAgents.Domain.Auth;
using EventAgents.Domain.Tenants;

namespace EventAgents.Application.Tenants.Exports;

/// <summary>
/// Exports are the platform admin's for every tenant and a tenant's own <c>tenant:export</c> clients' for theirs; another
/// tenant's exports do not exist for a caller (404), its own without the scope are forbidden (403).
/// </summary>
public static class TenantExportAccess
{
    public static void Require(ICurrentPrincipal principal, Guid tenantId)
    {
        if (TenantAccess.Allows(principal.TenantId, principal.Scopes, tenantId, Scopes.TenantExport))
        {
            return;
        }

        throw principal.TenantId == tenantId
            ? new ForbiddenException("Exporting the tenant takes the tenant:export scope.", [Scopes.TenantExport])
            : new NotFoundException("Tenant", tenantId.ToString());
    }
}
