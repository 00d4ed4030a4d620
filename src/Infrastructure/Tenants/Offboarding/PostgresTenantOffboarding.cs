using EventAgents.Application.Clients;
using EventAgents.Application.Tenants.Offboarding;
using EventAgents.Infrastructure.Persistence;
using Npgsql;

namespace EventAgents.Infrastructure.Tenants.Offboarding;

/// <summary>
/// Disables a tenant in one transaction: marks it offboarded, revokes its clients (their tokens stop working here at once and
/// on other instances within <c>Auth:ClientStatusCacheSeconds</c>), retires its agents (no trigger fires any more), cancels
/// its runs and disables its webhooks. <see cref="TenantEraser"/> erases the rest.
/// </summary>
internal sealed class PostgresTenantOffboarding(NpgsqlDataSource dataSource, IClientStatusCache clientStatus) : ITenantOffboarding
{
    private const string MarkSql =
        "UPDATE tenants SET offboarded_at = coalesce(offboarded_at, now()) WHERE id = $1 RETURNING id, offboarded_at, erased_at";

    private const string RevokeClientsSql = "UPDATE api_clients SET revoked_at = now() WHERE tenant_id = $1 AND revoked_at IS NULL RETURNING client_id";

    private static readonly string[] DisableSql =
    [
        "UPDATE agents SET deleted_at = now(), updated_at = now() WHERE tenant_id = $1 AND deleted_at IS NULL",
        "UPDATE agent_runs SET status = 'cancelled', finished_at = now(), updated_at = now() WHERE tenant_id = $1 AND status IN ('queued', 'requires_action')",
        "UPDATE agent_runs SET status = 'cancelling', cancel_requested_at = now(), updated_at = now() WHERE tenant_id = $1 AND status = 'running'",
        "UPDATE webhook_subscriptions SET enabled = false, disabled_reason = 'the tenant was offboarded', updated_at = now() WHERE tenant_id = $1 AND enabled",
    ];

    private const string GetSql = "SELECT id, offboarded_at, erased_at FROM tenants WHERE id = $1 AND offboarded_at IS NOT NULL";

    public async Task<TenantOffboardingDto?> OffboardAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        TenantOffboardingDto? offboarded;
        await using (var mark = new NpgsqlCommand(MarkSql, connection, transaction))
        {
            mark.Add<Guid>(tenantId);
            offboarded = await ReadAsync(mark, cancellationToken);
        }

        if (offboarded is null)
        {
            return null;
        }

        var revoked = new List<string>();
        await using (var revoke = new NpgsqlCommand(RevokeClientsSql, connection, transaction))
        {
            revoke.Add<Guid>(tenantId);
            await using var reader = await revoke.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                revoked.Add(reader.GetString(0));
            }
        }

        await using (var disable = new NpgsqlBatch(connection, transaction))
        {
            foreach (var sql in DisableSql)
            {
                var command = new NpgsqlBatchCommand(sql);
                command.Add<Guid>(tenantId);
                disable.BatchCommands.Add(command);
            }

            await disable.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        foreach (var clientId in revoked)
        {
            clientStatus.Invalidate(clientId);
        }

        return offboarded;
    }

    public async Task<TenantOffboardingDto?> GetAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(GetSql);
        command.Add<Guid>(tenantId);
        return await ReadAsync(command, cancellationToken);
    }

    private static async Task<TenantOffboardingDto?> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        DateTimeOffset? erasedAt = reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2);
        return new TenantOffboardingDto(reader.GetGuid(0), erasedAt is null ? "erasing" : "erased", reader.GetFieldValue<DateTimeOffset>(1), erasedAt);
    }
}
