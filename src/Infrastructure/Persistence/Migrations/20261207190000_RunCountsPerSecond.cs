using EventAgents.Infrastructure.Persistence.Sql;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventAgents.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Issue #17: the per-minute run quota sums per-second counts (agent_run_counts, filled from the last minute's runs here)
    /// instead of counting the tenant's runs one by one; the trigger reaction (v3) reads and adds to the same counts.
    /// </summary>
    [DbContext(typeof(EventAgentsDbContext))]
    [Migration("20261207190000_RunCountsPerSecond")]
    public partial class RunCountsPerSecond : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqlScripts.Load("run_counts.v1.sql"));
            migrationBuilder.Sql(SqlScripts.Load("agent_triggers.v3.sql"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION es_enqueue_triggered_runs(uuid, text, bigint, bigint, uuid[], text[], jsonb[], jsonb[], integer, integer);");
            migrationBuilder.Sql(SqlScripts.Load("agent_triggers.v2.sql"));
            migrationBuilder.Sql("DROP FUNCTION es_recent_runs(uuid); DROP FUNCTION es_count_runs(uuid, integer); DROP TABLE agent_run_counts;");
        }
    }
}
