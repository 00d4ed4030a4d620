using EventAgents.Application.Tenants.Exports;
using EventAgents.Infrastructure.Persistence;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EventAgents.Infrastructure.Tenants.Exports;

/// <summary>Tenant export jobs and their stored content (<see cref="TenantExportWorker"/> runs them).</summary>
internal sealed class PostgresTenantExports(NpgsqlDataSource dataSource, IOptions<TenantExportOptions> options) : ITenantExports
{
    private const string Columns = "id, tenant_id, status, position, byte_count, line_count, sha256, error, created_at, completed_at";

    private const string StartSql =
        "INSERT INTO tenant_exports (id, tenant_id, status, requested_by, created_at) " +
        "SELECT $1, $2, 'pending', $3, now() WHERE EXISTS (SELECT 1 FROM tenants WHERE id = $2 AND offboarded_at IS NULL) RETURNING " + Columns;

    private const string GetSql = "SELECT " + Columns + " FROM tenant_exports WHERE tenant_id = $1 AND id = $2";

    public async Task<TenantExportDto?> StartAsync(Guid tenantId, string requestedBy, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(StartSql);
        command.Add<Guid>(Guid.CreateVersion7());
        command.Add<Guid>(tenantId);
        command.Add<string>(requestedBy);
        return await ReadOneAsync(command, cancellationToken);
    }

    public async Task<TenantExportDto?> GetAsync(Guid tenantId, Guid exportId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(GetSql);
        command.Add<Guid>(tenantId);
        command.Add<Guid>(exportId);
        return await ReadOneAsync(command, cancellationToken);
    }

    public async Task<TenantExportContent?> OpenContentAsync(Guid tenantId, Guid exportId, CancellationToken cancellationToken) =>
        await GetAsync(tenantId, exportId, cancellationToken) is { Status: "succeeded", ByteCount: { } length, Sha256: { } sha256, CompletedAt: { } completedAt }
            ? new TenantExportContent(new ExportContentStream(dataSource, exportId, length, options.Value.ChunkBytes), length, sha256, completedAt)
            : null;

    private static async Task<TenantExportDto?> ReadOneAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new TenantExportDto(
            reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetInt64(3),
            reader.IsDBNull(4) ? null : reader.GetInt64(4),
            reader.IsDBNull(5) ? null : reader.GetInt64(5),
            reader.IsDBNull(6) ? null : reader.GetString(6),
            reader.IsDBNull(7) ? null : reader.GetString(7),
            reader.GetFieldValue<DateTimeOffset>(8),
            reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9));
    }
}
