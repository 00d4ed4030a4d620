using System.Data;
using System.Text.Json;
using EventAgents.Application.Common.Json;
using EventAgents.Infrastructure.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EventAgents.Infrastructure.Tenants.Exports;

/// <summary>
/// Runs queued tenant exports. An export is claimed under a lease (any instance; SKIP LOCKED), restarted from scratch by
/// whoever claims it after a crash, and read in one REPEATABLE READ snapshot: the tenant's head position is read first, and
/// since a tenant's appends commit in position order, the snapshot holds exactly the events up to it, with the documents,
/// agents, runs and webhooks of that same moment.
/// </summary>
internal sealed partial class TenantExportWorker(
    NpgsqlDataSource dataSource, IOptions<TenantExportOptions> options, ILogger<TenantExportWorker> logger) : BackgroundService
{
    public const string Format = "eventagents.export.v1";

    private const string ClaimSql =
        "UPDATE tenant_exports SET status = 'running', attempts = attempts + 1, started_at = coalesce(started_at, now()), " +
        "lease_expires_at = now() + $1 * interval '1 second' WHERE id = (SELECT id FROM tenant_exports " +
        "WHERE status = 'pending' OR (status = 'running' AND lease_expires_at < now()) ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED) " +
        "RETURNING id, tenant_id, attempts";

    private const string ClearChunksSql = "DELETE FROM tenant_export_chunks WHERE export_id = $1";

    private const string SucceededSql =
        "UPDATE tenant_exports SET status = 'succeeded', position = $3, byte_count = $4, line_count = $5, sha256 = $6, completed_at = now(), " +
        "lease_expires_at = NULL WHERE id = $1 AND attempts = $2 AND status = 'running'";

    private const string FailedSql =
        "UPDATE tenant_exports SET status = CASE WHEN attempts >= $3 THEN 'failed' ELSE 'pending' END, " +
        "error = CASE WHEN attempts >= $3 THEN $4 ELSE error END, completed_at = CASE WHEN attempts >= $3 THEN now() END, lease_expires_at = NULL " +
        "WHERE id = $1 AND attempts = $2 AND status = 'running'";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.PollSeconds <= 0)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var worked = false;
            try
            {
                worked = await RunNextAsync(settings, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException)
            {
                LogFailed(logger, ex.GetType().Name);
            }

            if (!worked)
            {
                await Task.Delay(TimeSpan.FromSeconds(settings.PollSeconds), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task<bool> RunNextAsync(TenantExportOptions settings, CancellationToken cancellationToken)
    {
        Guid exportId;
        Guid tenantId;
        int attempt;
        await using (var claim = dataSource.CreateCommand(ClaimSql))
        {
            claim.Add<double>(settings.LeaseSeconds);
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return false;
            }

            (exportId, tenantId, attempt) = (reader.GetGuid(0), reader.GetGuid(1), reader.GetInt32(2));
        }

        try
        {
            await ExportAsync(settings, exportId, tenantId, attempt, cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException or ExportTakenOverException && !cancellationToken.IsCancellationRequested)
        {
            LogExportFailed(logger, exportId, ex.GetType().Name);
            await using var failed = dataSource.CreateCommand(FailedSql);
            failed.Add<Guid>(exportId);
            failed.Add<int>(attempt);
            failed.Add<int>(settings.MaxAttempts);
            failed.Add<string>($"The export failed ({ex.GetType().Name}); request a new one.");
            await failed.ExecuteNonQueryAsync(CancellationToken.None);
        }

        return true;
    }

    private async Task ExportAsync(TenantExportOptions settings, Guid exportId, Guid tenantId, int attempt, CancellationToken cancellationToken)
    {
        await using (var clear = dataSource.CreateCommand(ClearChunksSql))
        {
            clear.Add<Guid>(exportId);
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        using var writer = new ExportChunkWriter(dataSource, exportId, attempt, settings.ChunkBytes, TimeSpan.FromSeconds(settings.LeaseSeconds));
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var snapshot = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        long head;
        await using (var readHead = new NpgsqlCommand(TenantExportQueries.HeadSql, connection, snapshot))
        {
            readHead.Add<Guid>(tenantId);
            head = (long)(await readHead.ExecuteScalarAsync(cancellationToken))!;
        }

        await writer.WriteLineAsync(
            JsonSerializer.Serialize(new { kind = "export", format = Format, exportId, tenantId, position = head, exportedAt = DateTimeOffset.UtcNow }, JsonDefaults.Web),
            cancellationToken);
        foreach (var sql in TenantExportQueries.Lines)
        {
            await using var lines = new NpgsqlCommand(sql, connection, snapshot);
            lines.Add<Guid>(tenantId);
            if (sql.Contains("$2", StringComparison.Ordinal))
            {
                lines.Add<long>(head);
            }

            await using var reader = await lines.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                await writer.WriteLineAsync(reader.GetString(0), cancellationToken);
            }
        }

        await snapshot.CommitAsync(cancellationToken);
        await writer.WriteLineAsync(JsonSerializer.Serialize(new { kind = "end", lines = writer.Lines + 1 }, JsonDefaults.Web), cancellationToken);
        var sha256 = await writer.CompleteAsync(cancellationToken);

        await using var succeeded = dataSource.CreateCommand(SucceededSql);
        succeeded.Add<Guid>(exportId);
        succeeded.Add<int>(attempt);
        succeeded.Add<long>(head);
        succeeded.Add<long>(writer.Bytes);
        succeeded.Add<long>(writer.Lines);
        succeeded.Add<string>(sha256);
        if (await succeeded.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new ExportTakenOverException();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant export worker failed ({Error}); retrying")]
    private static partial void LogFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant export {ExportId} failed ({Error})")]
    private static partial void LogExportFailed(ILogger logger, Guid exportId, string error);
}
