using EventAgents.Application.Common.Security;
using EventAgents.Domain.Common;
using EventAgents.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EventAgents.Architecture.Tests;

public sealed class TenantIsolationTests
{
    [Test]
    public void Every_tenant_owned_entity_is_covered_by_the_tenant_query_filter()
    {
        using var db = CreateContext();
        var tenantOwnedClrTypes = Layers.Domain.GetTypes().Concat(Layers.Infrastructure.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ITenantOwned).IsAssignableFrom(t))
            .ToList();
        var mapped = db.Model.GetEntityTypes().Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType)).ToList();

        Assert.That(mapped, Is.Not.Empty);
        Assert.That(mapped.Select(e => e.ClrType), Is.EquivalentTo(tenantOwnedClrTypes), "every tenant-owned type is mapped");
        foreach (var entity in mapped)
        {
            Assert.That(entity.FindDeclaredQueryFilter(EventAgentsDbContext.TenantFilter), Is.Not.Null,
                $"{entity.ClrType.Name} has no tenant query filter");
        }
    }

    [Test]
    public void Tenant_owned_entities_expose_their_tenant_as_a_mapped_column()
    {
        using var db = CreateContext();
        foreach (var entity in db.Model.GetEntityTypes().Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType)))
        {
            Assert.That(entity.FindProperty(nameof(ITenantOwned.TenantId))?.GetColumnName(), Is.EqualTo("tenant_id"), entity.ClrType.Name);
        }
    }

    private static EventAgentsDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<EventAgentsDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=model-only")
            .UseSnakeCaseNamingConvention()
            .Options, new NoPrincipal());

    private sealed class NoPrincipal : ICurrentPrincipal
    {
        public bool IsAuthenticated => false;

        public Guid TenantId => Guid.Empty;

        public string ClientId => string.Empty;

        public IReadOnlyCollection<string> Scopes => [];
    }
}
