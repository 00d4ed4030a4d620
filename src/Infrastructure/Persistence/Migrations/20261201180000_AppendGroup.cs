using EventAgents.Infrastructure.Persistence.Sql;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventAgents.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Issue #17: es_append_group, one statement for a whole group of appends with per-append outcomes as rows. Every writer
    /// in the API now goes through it; es_append v5 stays for the trigger fan-out's agent.run.queued events.
    /// </summary>
    [DbContext(typeof(EventAgentsDbContext))]
    [Migration("20261201180000_AppendGroup")]
    public partial class AppendGroup : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqlScripts.Load("es_append_group.v1.sql"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                "DROP FUNCTION es_append_group(uuid, text[], bigint[], integer[], integer[], uuid[], text[], jsonb[], jsonb[], text[], text[], jsonb[], integer, integer, bigint);");
        }
    }
}
