using Npgsql;

namespace EventAgents.Infrastructure.Webhooks;

/// <summary>
/// Where webhook work is found: the subscription that is due — a pending delivery whose retry time has come, or none pending
/// and events after its cursor — taken with FOR UPDATE SKIP LOCKED, least recently worked first. The row lock is held by the
/// returned step's transaction, so no two instances ever deliver to one subscription at the same time.
/// </summary>
internal sealed class WebhookDeliveryQueue(NpgsqlDataSource dataSource, Secrets.SecretProtector secrets)
{
    private const string DueSubscriptionSql =
        "SELECT s.id, s.tenant_id, s.url, s.event_types, s.stream_prefix, s.secret, s.cursor_position, s.consecutive_failures, s.hidden_stream_prefixes " +
        "FROM webhook_subscriptions s WHERE s.enabled AND (" +
        "EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.subscription_id = s.id AND d.status = 'pending' AND d.next_attempt_at <= now()) " +
        "OR (NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.subscription_id = s.id AND d.status = 'pending') " +
        "AND EXISTS (SELECT 1 FROM es_tenant_logs l WHERE l.tenant_id = s.tenant_id AND l.last_position > s.cursor_position))) " +
        "ORDER BY s.worked_at LIMIT 1 FOR UPDATE OF s SKIP LOCKED";

    /// <summary>The next due subscription in a transaction of its own, or null when none is due.</summary>
    public async Task<WebhookDeliveryStep?> TakeDueAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        NpgsqlTransaction? transaction = null;
        try
        {
            transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var due = new NpgsqlCommand(DueSubscriptionSql, connection, transaction);
            await using var reader = await due.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                var subscription = new DueSubscription(
                    reader.GetGuid(0), reader.GetGuid(1), new Uri(reader.GetString(2)), reader.GetFieldValue<string[]>(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), secrets.Unprotect(reader.GetString(5)), reader.GetInt64(6),
                    reader.GetInt32(7), reader.GetFieldValue<string[]>(8));
                return new WebhookDeliveryStep(connection, transaction, subscription);
            }
        }
        catch
        {
            await DisposeAsync(connection, transaction);
            throw;
        }

        await DisposeAsync(connection, transaction);
        return null;
    }

    private static async ValueTask DisposeAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        if (transaction is not null)
        {
            await transaction.DisposeAsync();
        }

        await connection.DisposeAsync();
    }
}
