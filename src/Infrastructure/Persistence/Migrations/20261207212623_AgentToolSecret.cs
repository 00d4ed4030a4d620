using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventAgents.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AgentToolSecret : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "tool_secret",
                table: "agents",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "tool_secret",
                table: "agents");
        }
    }
}
