using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventAgents.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class EventIdIndexFirst : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_es_events_tenant_id_event_id",
                table: "es_events");

            migrationBuilder.CreateIndex(
                name: "ix_es_events_event_id_tenant_id",
                table: "es_events",
                columns: new[] { "event_id", "tenant_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_es_events_event_id_tenant_id",
                table: "es_events");

            migrationBuilder.CreateIndex(
                name: "ix_es_events_tenant_id_event_id",
                table: "es_events",
                columns: new[] { "tenant_id", "event_id" },
                unique: true);
        }
    }
}
