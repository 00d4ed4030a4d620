using EventAgents.Domain.Tenants;
using EventAgents.Infrastructure.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EventAgents.Infrastructure.Tenants.Offboarding;

/// <summary>
/// Erases offboarded tenants' data in bounded batches (<see cref="TenantDataTables"/>), each batch its own transaction, so
/// a crash loses no progress and the next tick (on any instance) resumes; a tenant being erased by another instance is
/// skipped (a transaction-scoped advisory lock per batch). Once nothing is left and the grace period is over, the tenant is
/// marked erased; its row stays as the record of the offboarding.
/// </summary>
internal sealed class TenantEraser(
    NpgsqlDataSource dataSource, IOptions<OffboardingOptions> options, TimeProvider clock, Telemetry.EventAgentsMetrics metrics,
    ILogger<TenantEraser> logger) : Hosting.PeriodicWorker(clock, logger)
{
    private const string DueSql = "SELECT id, offboarded_at FROM tenants WHERE offboarded_at IS NOT NULL AND erased_at IS NULL ORDER BY offboarded_at LIMIT 10";

    private const string ClaimSql = "SELECT pg_try_advisory_xact_lock(hashtextextended('offboarding:' || $1::text, 0))";

    private const string ErasedSql = "UPDATE tenants SET erased_at = now() WHERE id = $1 AND erased_at IS NULL";

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.PollSeconds);

    protected override Task TickAsync(CancellationToken cancellationToken) => TickAsync(options.Value, cancellationToken);

    private async Task TickAsync(OffboardingOptions settings, CancellationToken cancellationToken)
    {
        var due = new List<(Guid TenantId, DateTimeOffset OffboardedAt)>();
        await using (var command = dataSource.CreateCommand(DueSql))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                due.Add((reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1)));
            }
        }

        foreach (var (tenantId, offboardedAt) in due)
        {
            if (await EraseSomeAsync(tenantId, settings, cancellationToken)
                && TenantOffboarding.MayFinish(offboardedAt, Clock.GetUtcNow(), TimeSpan.FromSeconds(settings.GraceSeconds)))
            {
                await using var erased = dataSource.CreateCommand(ErasedSql);
                erased.Add<Guid>(tenantId);
                await erased.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    /// <summary>Up to <see cref="OffboardingOptions.BatchesPerTick"/> batches; true when the tenant has no data left.</summary>
    private async Task<bool> EraseSomeAsync(Guid tenantId, OffboardingOptions settings, CancellationToken cancellationToken)
    {
        var batches = 0;
        foreach (var (table, rows) in TenantDataTables.Batches)
        {
            while (true)
            {
                if (batches++ >= settings.BatchesPerTick)
                {
                    return false;
                }

                var deleted = await DeleteBatchAsync(tenantId, TenantDataTables.DeleteBatchSql(table, rows), settings.BatchSize, cancellationToken);
                if (deleted is null)
                {
                    return false;
                }

                metrics.OffboardingErased(deleted.Value);
                if (deleted < settings.BatchSize)
                {
                    break;
                }
            }
        }

        return true;
    }

    /// <summary>Rows deleted; null when another instance is erasing this tenant right now.</summary>
    private async Task<int?> DeleteBatchAsync(Guid tenantId, string sql, int batchSize, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var claim = new NpgsqlCommand(ClaimSql, connection, transaction))
        {
            claim.Add<Guid>(tenantId);
            if (await claim.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return null;
            }
        }

        await using var delete = new NpgsqlCommand(sql, connection, transaction);
        delete.Add<Guid>(tenantId);
        delete.Add<int>(batchSize);
        var deleted = await delete.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }
}
