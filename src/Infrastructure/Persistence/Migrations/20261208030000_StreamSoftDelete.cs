using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventAgents.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Issue #22: soft-deleted streams. <c>truncate_before</c> hides a stream's events below it for good; <c>deleted_at_version</c>
    /// hides the stream while its version is still the one it was deleted at (an append moves it on). Both are written only by
    /// hand-written SQL (PostgresEventStore), so the EF model does not map them. Adding a column with a constant default is a
    /// catalog change in PostgreSQL 11+, not a table rewrite.
    /// </summary>
    [DbContext(typeof(EventAgentsDbContext))]
    [Migration("20261208030000_StreamSoftDelete")]
    public partial class StreamSoftDelete : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql(
                "ALTER TABLE es_streams ADD COLUMN truncate_before bigint NOT NULL DEFAULT 0, ADD COLUMN deleted_at_version bigint NULL;");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("ALTER TABLE es_streams DROP COLUMN truncate_before, DROP COLUMN deleted_at_version;");
    }
}
