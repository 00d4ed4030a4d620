using EventAgents.Infrastructure.Persistence.Sql;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventAgents.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Issue #15: triggered runs hold only the agent's trigger scopes (existing agents: their read-only tools' scopes),
    /// revoked writers' agents are not woken, trigger fan-out is capped, system streams never wake agents (es_append v4),
    /// and webhook subscriptions keep the system streams their creator could not read (existing ones: documents and runs).
    /// </summary>
    public partial class HardenTriggersAndSystemStreams : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string[]>(
                name: "trigger_scopes",
                table: "agents",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);
            migrationBuilder.Sql(
                "UPDATE agents SET trigger_scopes = ARRAY(SELECT s FROM unnest(granted_scopes) s WHERE s IN ('documents:read', 'events:read'))");
            migrationBuilder.Sql(
                "ALTER TABLE webhook_subscriptions ADD COLUMN hidden_stream_prefixes text[] NOT NULL DEFAULT '{}'; " +
                "UPDATE webhook_subscriptions SET hidden_stream_prefixes = '{doc:%,run:%}';");
            migrationBuilder.Sql(SqlScripts.Load("agent_triggers.v2.sql"));
            migrationBuilder.Sql(SqlScripts.Load("es_append.v4.sql"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                "DROP FUNCTION es_append(uuid, text, bigint, uuid[], text[], jsonb[], jsonb[], integer, integer); " +
                "DROP FUNCTION es_enqueue_triggered_runs(uuid, text, bigint, bigint, uuid[], text[], jsonb[], jsonb[], integer, integer); " +
                "DROP INDEX ix_agent_runs_tenant_id_created_at;");
            migrationBuilder.Sql(SqlScripts.Load("agent_triggers.v1.sql"));
            migrationBuilder.Sql(SqlScripts.Load("es_append.v3.sql"));
            migrationBuilder.Sql("ALTER TABLE webhook_subscriptions DROP COLUMN hidden_stream_prefixes;");
            migrationBuilder.DropColumn(
                name: "trigger_scopes",
                table: "agents");
        }
    }
}
