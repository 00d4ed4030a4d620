using EventAgents.Infrastructure.Persistence.Sql;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventAgents.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Issue #21: the schema registry's tables, the schema version on documents, and es_append_group v2 (which writes it and
    /// keeps schema: streams from waking agents).
    /// </summary>
    [DbContext(typeof(EventAgentsDbContext))]
    [Migration("20261208010000_SchemaRegistry")]
    public partial class SchemaRegistry : Migration
    {
        private const string AppendGroupV1 =
            "es_append_group(uuid, text[], bigint[], integer[], integer[], uuid[], text[], jsonb[], jsonb[], text[], text[], jsonb[], integer, integer, bigint)";

        private const string AppendGroupV2 =
            "es_append_group(uuid, text[], bigint[], integer[], integer[], uuid[], text[], jsonb[], jsonb[], text[], text[], jsonb[], integer, integer, bigint, integer[])";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqlScripts.Load("schema_registry.v1.sql"));
            migrationBuilder.Sql($"DROP FUNCTION {AppendGroupV1};");
            migrationBuilder.Sql(SqlScripts.Load("es_append_group.v2.sql"));
            migrationBuilder.Sql($"ALTER FUNCTION {AppendGroupV2} SET plan_cache_mode = force_generic_plan;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"DROP FUNCTION {AppendGroupV2};");
            migrationBuilder.Sql(SqlScripts.Load("es_append_group.v1.sql"));
            migrationBuilder.Sql($"ALTER FUNCTION {AppendGroupV1} SET plan_cache_mode = force_generic_plan;");
            migrationBuilder.Sql("ALTER TABLE documents DROP COLUMN schema_version; DROP TABLE schema_versions; DROP TABLE schema_subjects;");
        }
    }
}
