using EventAgents.Infrastructure.Persistence.Sql;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventAgents.Infrastructure.Persistence.Migrations
{
    /// <summary>Agents' triggers: es_append v3 enqueues matching runs in the append's transaction.</summary>
    public partial class TriggerAgentRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqlScripts.Load("agent_triggers.v1.sql"));
            migrationBuilder.Sql(SqlScripts.Load("es_append.v3.sql"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqlScripts.Load("es_append.v2.sql"));
            migrationBuilder.Sql("DROP FUNCTION es_enqueue_triggered_runs(uuid, text, bigint, bigint, uuid[], text[], jsonb[], jsonb[]); DROP FUNCTION es_uuid_v7();");
        }
    }
}
