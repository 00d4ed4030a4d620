using EventAgents.Domain.Common;

namespace EventAgents.Domain.Tenants;

/// <summary>
/// Offboarding a tenant: it is disabled at once (its clients revoked, its agents retired, its runs cancelled, its webhooks
/// disabled) and its data erased in the background. The platform tenant cannot be offboarded. Offboarding again is a no-op.
/// </summary>
public static class TenantOffboarding
{
    public static void EnsureAllowed(Guid tenantId)
    {
        if (tenantId == Tenant.PlatformId)
        {
            throw new DomainRuleException("The platform tenant cannot be offboarded: it holds the administrators.");
        }
    }

    /// <summary>
    /// The eraser may call a tenant erased only once no token issued before the offboarding can still be accepted anywhere
    /// (<paramref name="grace"/>: the client-status cache's lifetime and a margin), so no late write is left behind.
    /// </summary>
    public static bool MayFinish(DateTimeOffset offboardedAt, DateTimeOffset now, TimeSpan grace) => now - offboardedAt >= grace;
}
