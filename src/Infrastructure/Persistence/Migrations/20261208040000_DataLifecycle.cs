using EventAgents.Infrastructure.Persistence.Sql;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventAgents.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Issue #22: stream retention and erasure columns, the scavenger's index, tenant exports and offboarding, and
    /// es_append_group v3 (erased streams refuse appends). Written only by hand-written SQL, so the EF model does not map them.
    /// </summary>
    [DbContext(typeof(EventAgentsDbContext))]
    [Migration("20261208040000_DataLifecycle")]
    public partial class DataLifecycle : Migration
    {
        private const string AppendGroup =
            "es_append_group(uuid, text[], bigint[], integer[], integer[], uuid[], text[], jsonb[], jsonb[], text[], text[], jsonb[], integer, integer, bigint, integer[])";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqlScripts.Load("data_lifecycle.v1.sql"));
            migrationBuilder.Sql(SqlScripts.Load("es_append_group.v3.sql"));
            migrationBuilder.Sql($"ALTER FUNCTION {AppendGroup} SET plan_cache_mode = force_generic_plan;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"DROP FUNCTION {AppendGroup};");
            migrationBuilder.Sql(SqlScripts.Load("es_append_group.v2.sql"));
            migrationBuilder.Sql($"ALTER FUNCTION {AppendGroup} SET plan_cache_mode = force_generic_plan;");
            migrationBuilder.Sql(
                "DROP TABLE tenant_export_chunks; DROP TABLE tenant_exports; DROP INDEX ix_agent_runs_tenant_id_source_event_id; " +
                "ALTER TABLE tenants DROP COLUMN offboarded_at, DROP COLUMN erased_at; " +
                "DROP INDEX ix_es_streams_scavenge; ALTER TABLE es_streams DROP COLUMN max_age_seconds, DROP COLUMN max_count, " +
                "DROP COLUMN erased_at, DROP COLUMN scavenged_below, DROP COLUMN scavenged_at;");
        }
    }
}
