using EventAgents.Infrastructure.Persistence.Sql;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventAgents.Infrastructure.Persistence.Migrations
{
    /// <summary>Agent runs, their steps and idempotency keys (hand-written SQL: agent_runs.v1.sql).</summary>
    public partial class AddAgentRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqlScripts.Load("agent_runs.v1.sql"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE idempotency_keys; DROP TABLE agent_run_steps; DROP TABLE agent_runs; DROP FUNCTION agent_runs_keep_terminal();");
        }
    }
}
