using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventAgents.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Issue #17: es_events loses its foreign key to es_streams (the append functions write the stream row first; the check cost
    /// a trigger and a lookup per event), and es_append_group plans its statements once instead of on every call.
    /// </summary>
    public partial class FasterAppends : Migration
    {
        private const string AppendGroup =
            "es_append_group(uuid, text[], bigint[], integer[], integer[], uuid[], text[], jsonb[], jsonb[], text[], text[], jsonb[], integer, integer, bigint)";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_es_events_es_streams_tenant_id_stream_id",
                table: "es_events");

            // Its statements take arrays, whose sizes the planner cannot know: after five calls the plan cache kept choosing
            // custom plans, i.e. planned every statement again on every call (10-15 % of its time under the tenant lock).
            migrationBuilder.Sql($"ALTER FUNCTION {AppendGroup} SET plan_cache_mode = force_generic_plan;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"ALTER FUNCTION {AppendGroup} RESET plan_cache_mode;");

            migrationBuilder.AddForeignKey(
                name: "fk_es_events_es_streams_tenant_id_stream_id",
                table: "es_events",
                columns: new[] { "tenant_id", "stream_id" },
                principalTable: "es_streams",
                principalColumns: new[] { "tenant_id", "stream_id" },
                onDelete: ReferentialAction.Restrict);
        }
    }
}
