using EventAgents.Application.Common.Security;
using EventAgents.Domain.Clients;
using EventAgents.Domain.Common;
using EventAgents.Domain.Tenants;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace EventAgents.Infrastructure.Persistence;

/// <summary>
/// The one DbContext. Every <see cref="ITenantOwned"/> entity gets a query filter on the caller's tenant, and saving a row
/// of another tenant throws: tenant isolation does not depend on each query remembering a WHERE clause.
/// </summary>
public sealed class EventAgentsDbContext(DbContextOptions<EventAgentsDbContext> options, ICurrentPrincipal principal)
    : DbContext(options), IDataProtectionKeyContext
{
    public const string TenantFilter = "tenant";

    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<ApiClient> ApiClients => Set<ApiClient>();

    public DbSet<Events.StreamRecord> Streams => Set<Events.StreamRecord>();

    public DbSet<Documents.DocumentRecord> Documents => Set<Documents.DocumentRecord>();

    public DbSet<Domain.Agents.Agent> Agents => Set<Domain.Agents.Agent>();

    /// <summary>ASP.NET Core Data Protection's key ring, shared by every instance (Secrets/DataProtectionSetup).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Read by the query filters at query time (EF Core turns it into a parameter).</summary>
    internal Guid CurrentTenantId => principal.TenantId;

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardTenantOwnership();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardTenantOwnership();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(EventAgentsDbContext).Assembly);
        foreach (var entityType in modelBuilder.Model.GetEntityTypes().Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType)).ToList())
        {
            typeof(EventAgentsDbContext)
                .GetMethod(nameof(FilterByTenant), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .MakeGenericMethod(entityType.ClrType)
                .Invoke(this, [modelBuilder]);
        }
    }

    private void FilterByTenant<TEntity>(ModelBuilder modelBuilder)
        where TEntity : class, ITenantOwned =>
        modelBuilder.Entity<TEntity>().HasQueryFilter(TenantFilter, entity => entity.TenantId == CurrentTenantId);

    private void GuardTenantOwnership()
    {
        var foreign = ChangeTracker.Entries<ITenantOwned>()
            .FirstOrDefault(entry => entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && entry.Entity.TenantId != CurrentTenantId);
        if (foreign is not null)
        {
            throw new TenantIsolationException(foreign.Metadata.ClrType.Name);
        }
    }
}
