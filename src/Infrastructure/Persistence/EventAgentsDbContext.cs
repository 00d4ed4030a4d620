using EventAgents.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace EventAgents.Infrastructure.Persistence;

public sealed class EventAgentsDbContext(DbContextOptions<EventAgentsDbContext> options) : DbContext(options)
{
    public DbSet<Tenant> Tenants => Set<Tenant>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(EventAgentsDbContext).Assembly);
    }
}
