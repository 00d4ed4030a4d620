using EventAgents.Infrastructure.Persistence.Sql;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventAgents.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Issue #15: per-tenant storage quota. The tenant log row counts the stored bytes of the tenant's events (existing
    /// tenants: measured once here), and es_append v5 refuses an append past the caller's limit.
    /// </summary>
    [DbContext(typeof(EventAgentsDbContext))]
    [Migration("20261201143000_TenantStorageQuota")]
    public partial class TenantStorageQuota : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                "ALTER TABLE es_tenant_logs ADD COLUMN stored_bytes bigint NOT NULL DEFAULT 0; " +
                "UPDATE es_tenant_logs l SET stored_bytes = (SELECT coalesce(sum(pg_column_size(e.data) + pg_column_size(e.metadata)), 0) " +
                "FROM es_events e WHERE e.tenant_id = l.tenant_id);");
            migrationBuilder.Sql(SqlScripts.Load("es_append.v5.sql"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION es_append(uuid, text, bigint, uuid[], text[], jsonb[], jsonb[], integer, integer, bigint);");
            migrationBuilder.Sql(SqlScripts.Load("es_append.v4.sql"));
            migrationBuilder.Sql("ALTER TABLE es_tenant_logs DROP COLUMN stored_bytes;");
        }
    }
}
