using EventAgents.Infrastructure.Persistence.Sql;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventAgents.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Issue #20: runs pause in requires_action while tool calls wait for their outputs or approval (conversation, waiting
    /// calls and their deadline stored on the run), and the claim hands a resumed run what it needs to go on.
    /// </summary>
    [DbContext(typeof(EventAgentsDbContext))]
    [Migration("20261207220000_RunsRequireAction")]
    public partial class RunsRequireAction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqlScripts.Load("agent_runs_pause.v1.sql"));
            migrationBuilder.Sql(SqlScripts.Load("agent_runs_claim.v2.sql"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION agent_runs_claim(text, double precision, integer);");
            migrationBuilder.Sql(SqlScripts.Load("agent_runs_claim.v1.sql"));
            migrationBuilder.Sql(
                "DROP INDEX ix_agent_runs_action_expiry; " +
                "ALTER TABLE agent_runs DROP COLUMN conversation, DROP COLUMN required_action, DROP COLUMN action_expires_at; " +
                "ALTER TABLE agent_runs DROP CONSTRAINT agent_runs_status_check; " +
                "ALTER TABLE agent_runs ADD CONSTRAINT agent_runs_status_check " +
                "CHECK (status IN ('queued', 'running', 'cancelling', 'succeeded', 'failed', 'timed_out', 'cancelled'));");
        }
    }
}
