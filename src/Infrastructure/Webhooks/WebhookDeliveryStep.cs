using System.Text.Json;
using EventAgents.Application.Common.Json;
using EventAgents.Application.Events;
using EventAgents.Domain.Events;
using EventAgents.Domain.Webhooks;
using EventAgents.Infrastructure.Events;
using EventAgents.Infrastructure.Events.Appending;
using EventAgents.Infrastructure.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace EventAgents.Infrastructure.Webhooks;

/// <summary>
/// One step of delivery to one subscription, in one transaction that holds the subscription's row lock: find the delivery to
/// attempt (the pending one, or the next wanted event after the cursor), then store the attempt, the delivery's new status
/// and the subscription's outcome together. If the instance dies mid-attempt the transaction rolls back and the same event
/// (same webhook-id) is delivered again. Stores decisions made by <see cref="WebhookDeliveryPolicy"/>; makes none.
/// </summary>
internal sealed class WebhookDeliveryStep(NpgsqlConnection connection, NpgsqlTransaction transaction, DueSubscription subscription)
    : IAsyncDisposable
{
    private const string PendingSql =
        "SELECT d.id, d.message_id, d.attempts, d.first_attempt_at, d.position FROM webhook_deliveries d " +
        "WHERE d.subscription_id = $1 AND d.status = 'pending' ORDER BY d.position LIMIT 1";

    private const string HeadSql = "SELECT coalesce((SELECT last_position FROM es_tenant_logs WHERE tenant_id = $1), 0)";

    private const string NextEventSql =
        "SELECT " + EventRows.Columns + " FROM es_events e WHERE e.tenant_id = $1 AND e.position > $2 AND e.position <= $3 " +
        "AND ('*' = ANY ($4) OR e.event_type = ANY ($4)) AND ($5::text IS NULL OR starts_with(e.stream_id, $5)) " +
        "AND NOT (e.stream_id LIKE ANY ($6)) AND e.event_type <> '" + ErasedEvents.Type + "' ORDER BY e.position LIMIT 1";

    private const string EventAtSql = "SELECT " + EventRows.Columns + " FROM es_events e WHERE e.tenant_id = $1 AND e.position = $2";

    private const string InsertDeliverySql =
        "INSERT INTO webhook_deliveries (id, subscription_id, tenant_id, message_id, event_id, position, event_type, status, next_attempt_at, created_at, updated_at) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', now(), now(), now())";

    // A pending delivery whose event was erased (or removed by retention) before it went out is skipped, never sent.
    private const string SkipDeliverySql =
        "UPDATE webhook_deliveries SET status = 'failed', last_error = 'The event was erased or removed by retention before it was delivered.', " +
        "updated_at = now() WHERE id = $1";

    private const string MoveCursorSql = "UPDATE webhook_subscriptions SET cursor_position = $2, worked_at = now() WHERE id = $1";

    private const string RecordAttemptSql =
        "INSERT INTO webhook_delivery_attempts (delivery_id, attempt, status_code, duration_ms, error, attempted_at) VALUES ($1, $2, $3, $4, $5, now())";

    private const string FinishDeliverySql =
        "UPDATE webhook_deliveries SET status = $2, attempts = $3, first_attempt_at = coalesce(first_attempt_at, now()), " +
        "next_attempt_at = now() + make_interval(secs => $4), last_status_code = $5, last_error = $6, last_duration_ms = $7, updated_at = now() WHERE id = $1";

    private const string SubscriptionOutcomeSql =
        "UPDATE webhook_subscriptions SET consecutive_failures = $2, enabled = $3, disabled_reason = $4, worked_at = now(), " +
        "updated_at = CASE WHEN $3 THEN updated_at ELSE now() END WHERE id = $1";

    public DueSubscription Subscription { get; } = subscription;

    /// <summary>
    /// The pending delivery, else the next wanted event after the cursor as a new pending delivery; with none, the cursor
    /// moves to the head read first (past events the subscription does not want) and null is returned.
    /// </summary>
    public async Task<WebhookDelivery?> DeliveryToAttemptAsync(CancellationToken cancellationToken) =>
        await PendingAsync(cancellationToken) ?? await NextAsync(cancellationToken);

    /// <summary>The attempt, the delivery's new status and the subscription's failures in a row (and whether it stays enabled).</summary>
    public async Task RecordAsync(WebhookDelivery delivery, AttemptResult result, WebhookDeliveryDecision decision, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        var attempt = new NpgsqlBatchCommand(RecordAttemptSql);
        attempt.Add(delivery.Id);
        attempt.Add(decision.Attempts);
        attempt.AddNullable(result.StatusCode, NpgsqlDbType.Integer);
        attempt.Add(result.DurationMs);
        attempt.AddNullable(result.Error, NpgsqlDbType.Text);
        var finish = new NpgsqlBatchCommand(FinishDeliverySql);
        finish.Add(delivery.Id);
        finish.Add(StoredName(decision.Status));
        finish.Add(decision.Attempts);
        finish.Add(decision.NextAttemptIn.TotalSeconds);
        finish.AddNullable(result.StatusCode, NpgsqlDbType.Integer);
        finish.AddNullable(result.Error, NpgsqlDbType.Text);
        finish.Add(result.DurationMs);
        var outcome = new NpgsqlBatchCommand(SubscriptionOutcomeSql);
        outcome.Add(Subscription.Id);
        outcome.Add(decision.ConsecutiveFailures);
        outcome.Add(!decision.Disables);
        outcome.AddNullable(decision.DisableReason, NpgsqlDbType.Text);
        batch.BatchCommands.Add(attempt);
        batch.BatchCommands.Add(finish);
        batch.BatchCommands.Add(outcome);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary><c>webhook.disabled</c> in the subscription's system stream, committed with the outcome that disabled it.</summary>
    public Task AppendDisabledAsync(WebhookDeliveryDecision decision, CancellationToken cancellationToken) =>
        AppendStatement.AppendSystemEventAsync(
            connection, transaction, Subscription.TenantId, WebhookRules.StreamOf(Subscription.Id), WebhookRules.DisabledEventType,
            JsonSerializer.Serialize(
                new { webhookId = Subscription.Id, reason = decision.DisableReason, consecutiveFailures = decision.ConsecutiveFailures }, JsonDefaults.Web),
            "{}", cancellationToken);

    public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }

    public static string StoredName(WebhookDeliveryStatus status) => status switch
    {
        WebhookDeliveryStatus.Pending => "pending",
        WebhookDeliveryStatus.Succeeded => "succeeded",
        WebhookDeliveryStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    private async Task<WebhookDelivery?> PendingAsync(CancellationToken cancellationToken)
    {
        Guid id;
        string messageId;
        int attempts;
        DateTimeOffset? firstAttempt;
        long position;
        await using (var pending = new NpgsqlCommand(PendingSql, connection, transaction))
        {
            pending.Add<Guid>(Subscription.Id);
            await using var reader = await pending.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            (id, messageId, attempts, firstAttempt, position) =
                (reader.GetGuid(0), reader.GetString(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3), reader.GetInt64(4));
        }

        await using var load = new NpgsqlCommand(EventAtSql, connection, transaction);
        load.Add<Guid>(Subscription.TenantId);
        load.Add<long>(position);
        var @event = await ReadEventAsync(load, cancellationToken);
        if (@event is not null && !ErasedEvents.IsErased(@event.Type))
        {
            return new WebhookDelivery(id, messageId, attempts, firstAttempt, @event);
        }

        await using var skip = new NpgsqlCommand(SkipDeliverySql, connection, transaction);
        skip.Add<Guid>(id);
        await skip.ExecuteNonQueryAsync(cancellationToken);
        return null;
    }

    private async Task<WebhookDelivery?> NextAsync(CancellationToken cancellationToken)
    {
        long head;
        await using (var readHead = new NpgsqlCommand(HeadSql, connection, transaction))
        {
            readHead.Add<Guid>(Subscription.TenantId);
            head = (long)(await readHead.ExecuteScalarAsync(cancellationToken))!;
        }

        EventDto? next;
        await using (var find = new NpgsqlCommand(NextEventSql, connection, transaction))
        {
            find.Add<Guid>(Subscription.TenantId);
            find.Add<long>(Subscription.Cursor);
            find.Add<long>(head);
            find.Add<string[]>(Subscription.EventTypes);
            find.AddNullable(Subscription.StreamPrefix, NpgsqlDbType.Text);
            find.Add<string[]>(Subscription.HiddenStreamPatterns);
            next = await ReadEventAsync(find, cancellationToken);
        }

        await using (var move = new NpgsqlCommand(MoveCursorSql, connection, transaction))
        {
            move.Add<Guid>(Subscription.Id);
            move.Add<long>(next?.Position ?? head);
            await move.ExecuteNonQueryAsync(cancellationToken);
        }

        if (next is null)
        {
            return null;
        }

        var delivery = new WebhookDelivery(Guid.CreateVersion7(), "msg_" + next.EventId.ToString("N"), 0, null, next);
        await using var insert = new NpgsqlCommand(InsertDeliverySql, connection, transaction);
        insert.Add<Guid>(delivery.Id);
        insert.Add<Guid>(Subscription.Id);
        insert.Add<Guid>(Subscription.TenantId);
        insert.Add<string>(delivery.MessageId);
        insert.Add<Guid>(next.EventId);
        insert.Add<long>(next.Position);
        insert.Add<string>(next.Type);
        await insert.ExecuteNonQueryAsync(cancellationToken);
        return delivery;
    }

    private static async Task<EventDto?> ReadEventAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? EventRows.Read(reader) : null;
    }
}
