using EventAgents.Domain.Clients;
using EventAgents.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EventAgents.Infrastructure.Persistence.Configurations;

internal sealed class ApiClientConfiguration : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> builder)
    {
        builder.ToTable("api_clients");
        builder.HasKey(c => c.ClientId);
        builder.Property(c => c.ClientId).HasMaxLength(ApiClient.MaxClientIdLength).UseCollation("C");
        builder.Property(c => c.Name).HasMaxLength(ApiClient.MaxNameLength).IsRequired();
        builder.Property(c => c.Scopes).IsRequired();
        builder.Ignore(c => c.IsRevoked);
        builder.OwnsMany(c => c.Secrets, secret =>
        {
            secret.ToTable("api_client_secrets");
            secret.WithOwner().HasForeignKey("ClientId");
            secret.Property<string>("ClientId").HasMaxLength(ApiClient.MaxClientIdLength).UseCollation("C");
            secret.HasKey(s => s.Id);
            secret.Property(s => s.Id).ValueGeneratedNever();
            secret.Property(s => s.Hash).IsRequired();
        });
        builder.Navigation(c => c.Secrets).HasField("_secrets").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.TenantId, c.ClientId });
    }
}
