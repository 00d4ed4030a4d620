using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventAgents.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Issue #22: a client has several secrets (rotation with an overlap); the one it had becomes its first.
    /// </summary>
    public partial class ClientSecretRotation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "api_client_secrets",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    hash = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    client_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_client_secrets", x => x.id);
                    table.ForeignKey(
                        name: "fk_api_client_secrets_api_clients_client_id",
                        column: x => x.client_id,
                        principalTable: "api_clients",
                        principalColumn: "client_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_api_client_secrets_client_id",
                table: "api_client_secrets",
                column: "client_id");

            // Every client keeps the secret it has: it becomes its first (and only valid) secret.
            migrationBuilder.Sql(
                "INSERT INTO api_client_secrets (id, hash, created_at, client_id) " +
                "SELECT gen_random_uuid(), secret_hash, created_at, client_id FROM api_clients;");

            migrationBuilder.DropColumn(
                name: "secret_hash",
                table: "api_clients");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "secret_hash",
                table: "api_clients",
                type: "text",
                nullable: false,
                defaultValue: "");

            // Back to one secret per client: the newest valid one (a client without one keeps an unusable empty hash).
            migrationBuilder.Sql(
                "UPDATE api_clients c SET secret_hash = s.hash FROM (SELECT DISTINCT ON (client_id) client_id, hash FROM api_client_secrets " +
                "WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now()) ORDER BY client_id, created_at DESC) s WHERE s.client_id = c.client_id;");

            migrationBuilder.DropTable(
                name: "api_client_secrets");
        }
    }
}
