using EventAgents.Domain.Auth;
using EventAgents.Domain.Common;
using EventAgents.Domain.Tenants;

namespace EventAgents.Domain.UnitTests.Tenants;

public sealed class TenantOffboardingTests
{
    [Test]
    public void The_platform_tenant_cannot_be_offboarded_any_other_can()
    {
        Assert.Throws<DomainRuleException>(() => TenantOffboarding.EnsureAllowed(Tenant.PlatformId));
        Assert.DoesNotThrow(() => TenantOffboarding.EnsureAllowed(Guid.NewGuid()));
    }

    [Test]
    public void Erasure_finishes_only_after_the_grace_period()
    {
        var at = new DateTimeOffset(2026, 12, 8, 12, 0, 0, TimeSpan.Zero);
        Assert.That(TenantOffboarding.MayFinish(at, at.AddSeconds(59), TimeSpan.FromMinutes(1)), Is.False);
        Assert.That(TenantOffboarding.MayFinish(at, at.AddSeconds(60), TimeSpan.FromMinutes(1)), Is.True);
    }

    [Test]
    public void Tenant_wide_operations_are_for_platform_admins_and_the_tenants_own_scoped_clients()
    {
        var tenant = Guid.NewGuid();
        var other = Guid.NewGuid();

        Assert.That(TenantAccess.Allows(Tenant.PlatformId, [Scopes.Admin], tenant, Scopes.TenantExport), Is.True);
        Assert.That(TenantAccess.Allows(tenant, [Scopes.TenantExport], tenant, Scopes.TenantExport), Is.True);
        Assert.That(TenantAccess.Allows(other, [Scopes.TenantExport], tenant, Scopes.TenantExport), Is.False);
        Assert.That(TenantAccess.Allows(tenant, [Scopes.EventsRead], tenant, Scopes.TenantExport), Is.False);
        Assert.That(TenantAccess.Allows(other, [Scopes.Admin], tenant, Scopes.TenantExport), Is.False, "admin counts only on the platform tenant");
    }
}
