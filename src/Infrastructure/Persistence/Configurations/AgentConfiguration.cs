using System.Text.Json;
using EventAgents.Application.Common.Json;
using EventAgents.Domain.Agents;
using EventAgents.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EventAgents.Infrastructure.Persistence.Configurations;

/// <summary>
/// Agents: the definition as camelCase jsonb (read by es_append's trigger fan-out as well), the name and the trigger event
/// types as columns for the unique index and the trigger look-up.
/// </summary>
internal sealed class AgentConfiguration : IEntityTypeConfiguration<Agent>
{
    public const string ToolSecretProperty = "ToolSecret";

    public void Configure(EntityTypeBuilder<Agent> builder)
    {
        builder.ToTable("agents");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Name).HasMaxLength(AgentLimits.MaxNameLength).IsRequired();
        builder.Property(a => a.Settings)
            .HasColumnType("jsonb")
            .HasConversion(
                settings => JsonSerializer.Serialize(settings, JsonDefaults.Web),
                json => JsonSerializer.Deserialize<AgentSettings>(json, JsonDefaults.Web)!,
                new ValueComparer<AgentSettings>(
                    (a, b) => JsonSerializer.Serialize(a, JsonDefaults.Web) == JsonSerializer.Serialize(b, JsonDefaults.Web),
                    s => JsonSerializer.Serialize(s, JsonDefaults.Web).GetHashCode(StringComparison.Ordinal),
                    s => JsonSerializer.Deserialize<AgentSettings>(JsonSerializer.Serialize(s, JsonDefaults.Web), JsonDefaults.Web)!))
            .IsRequired();
        builder.Property(a => a.GrantedScopes).IsRequired();
        builder.Property(a => a.TriggerScopes).IsRequired();
        builder.Property(a => a.TriggerEventTypes).IsRequired();
        builder.Property(a => a.WrittenBy).HasMaxLength(128).IsRequired();
        builder.Property(a => a.Version).IsConcurrencyToken();
        // The tool secret (Data Protection–encrypted) is no part of the domain's agent: only the repository and the runs'
        // outbound calls read it.
        builder.Property<string?>(ToolSecretProperty).HasColumnName("tool_secret");
        builder.HasOne<Tenant>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.TenantId, a.Name }).IsUnique().HasFilter("deleted_at IS NULL");
        // A tenant has few agents: the trigger look-up scans its live agents and compares the type arrays.
        builder.HasIndex(a => a.TenantId).HasFilter("deleted_at IS NULL");
    }
}
