using EventAgents.Infrastructure.Persistence.Sql;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventAgents.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Issue #17: agent_runs_claim claims several queued runs and writes their agent.run.started events in one statement, so
    /// the tenant's log lock is never held across a round trip to the worker.
    /// </summary>
    [DbContext(typeof(EventAgentsDbContext))]
    [Migration("20261207180000_ClaimRunsInOneStatement")]
    public partial class ClaimRunsInOneStatement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqlScripts.Load("agent_runs_claim.v1.sql"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION agent_runs_claim(text, double precision, integer);");
        }
    }
}
