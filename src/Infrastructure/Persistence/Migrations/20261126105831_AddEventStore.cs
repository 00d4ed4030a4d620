using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventAgents.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AddEventStore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "es_streams",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    stream_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_es_streams", x => new { x.tenant_id, x.stream_id });
                    table.CheckConstraint("ck_es_streams_version", "version >= 0");
                    table.ForeignKey(
                        name: "fk_es_streams_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "es_tenant_logs",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    last_position = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_es_tenant_logs", x => x.tenant_id);
                    table.ForeignKey(
                        name: "fk_es_tenant_logs_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "es_events",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<long>(type: "bigint", nullable: false),
                    stream_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_type = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    data = table.Column<string>(type: "jsonb", nullable: false),
                    metadata = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_es_events", x => new { x.tenant_id, x.position });
                    table.CheckConstraint("ck_es_events_version", "version >= 1");
                    table.ForeignKey(
                        name: "fk_es_events_es_streams_tenant_id_stream_id",
                        columns: x => new { x.tenant_id, x.stream_id },
                        principalTable: "es_streams",
                        principalColumns: new[] { "tenant_id", "stream_id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_es_events_tenant_id_event_id",
                table: "es_events",
                columns: new[] { "tenant_id", "event_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_es_events_tenant_id_stream_id_version",
                table: "es_events",
                columns: new[] { "tenant_id", "stream_id", "version" },
                unique: true);

            migrationBuilder.Sql("ALTER TABLE es_streams SET (fillfactor = 80);");
            migrationBuilder.Sql(EventAgents.Infrastructure.Persistence.Sql.SqlScripts.Load("es_append.v1.sql"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS es_append(uuid, text, bigint, uuid[], text[], jsonb[], jsonb[]);");
            migrationBuilder.DropTable(
                name: "es_events");

            migrationBuilder.DropTable(
                name: "es_tenant_logs");

            migrationBuilder.DropTable(
                name: "es_streams");
        }
    }
}
