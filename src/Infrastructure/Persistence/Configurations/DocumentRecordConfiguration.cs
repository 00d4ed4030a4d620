using EventAgents.Domain.Documents;
using EventAgents.Domain.Tenants;
using EventAgents.Infrastructure.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EventAgents.Infrastructure.Persistence.Configurations;

internal sealed class DocumentRecordConfiguration : IEntityTypeConfiguration<DocumentRecord>
{
    public void Configure(EntityTypeBuilder<DocumentRecord> builder)
    {
        builder.ToTable("documents");
        builder.HasKey(d => new { d.TenantId, d.Collection, d.Id });
        builder.Property(d => d.Collection).HasMaxLength(CollectionName.MaxLength).UseCollation("C");
        builder.Property(d => d.Id).HasMaxLength(DocumentId.MaxLength).UseCollation("C");
        builder.Property(d => d.Data).HasColumnType("jsonb");
        builder.HasIndex(d => new { d.TenantId, d.Collection, d.CreatedAt, d.Id });
        builder.HasIndex(d => new { d.TenantId, d.Collection, d.UpdatedAt, d.Id });
        // Serves where[field]=value filters: data @> '{"field": value}'.
        builder.HasIndex(d => d.Data).HasMethod("gin").HasOperators("jsonb_path_ops").HasDatabaseName("ix_documents_data");
        builder.HasOne<Tenant>().WithMany().HasForeignKey(d => d.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
