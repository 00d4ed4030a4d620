using EventAgents.Domain.Events;
using EventAgents.Domain.Tenants;
using EventAgents.Infrastructure.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EventAgents.Infrastructure.Persistence.Configurations;

internal sealed class StreamRecordConfiguration : IEntityTypeConfiguration<StreamRecord>
{
    public void Configure(EntityTypeBuilder<StreamRecord> builder)
    {
        builder.ToTable("es_streams", t => t.HasCheckConstraint("ck_es_streams_version", "version >= 0"));
        builder.HasKey(s => new { s.TenantId, s.StreamId });
        builder.Property(s => s.StreamId).HasMaxLength(StreamId.MaxSystemLength).UseCollation("C");
        builder.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EventRecordConfiguration : IEntityTypeConfiguration<EventRecord>
{
    public void Configure(EntityTypeBuilder<EventRecord> builder)
    {
        builder.ToTable("es_events", t => t.HasCheckConstraint("ck_es_events_version", "version >= 1"));
        builder.HasKey(e => new { e.TenantId, e.Position });
        builder.Property(e => e.Position).ValueGeneratedNever();
        builder.Property(e => e.StreamId).HasMaxLength(StreamId.MaxSystemLength).UseCollation("C");
        builder.Property(e => e.EventType).HasMaxLength(EventType.MaxLength);
        builder.Property(e => e.Data).HasColumnType("jsonb");
        builder.Property(e => e.Metadata).HasColumnType("jsonb");
        builder.HasIndex(e => new { e.TenantId, e.StreamId, e.Version }).IsUnique();
        // Event id first: the idempotency check looks ids up directly, whatever the planner believes about a tenant's size.
        builder.HasIndex(e => new { e.EventId, e.TenantId }).IsUnique();
        // No foreign key to es_streams: the append functions, the only writers of both tables, upsert the stream row before they
        // insert its events, and nothing deletes streams. Its check cost a trigger and a lookup per event (a fifth of a
        // 10-event append's database time; docs/performance.md).
    }
}

internal sealed class TenantLogRecordConfiguration : IEntityTypeConfiguration<TenantLogRecord>
{
    public void Configure(EntityTypeBuilder<TenantLogRecord> builder)
    {
        builder.ToTable("es_tenant_logs");
        builder.HasKey(l => l.TenantId);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(l => l.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
