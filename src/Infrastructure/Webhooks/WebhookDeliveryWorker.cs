using System.Text.Json;
using EventAgents.Application.Common.Json;
using EventAgents.Application.Events;
using EventAgents.Domain.Webhooks;
using EventAgents.Infrastructure.Events;
using EventAgents.Infrastructure.Events.Appending;
using EventAgents.Infrastructure.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EventAgents.Infrastructure.Webhooks;

/// <summary>
/// Delivers the global log to webhook subscriptions, at least once and in position order per subscription. A worker takes one
/// due subscription with FOR UPDATE SKIP LOCKED and keeps that row lock for one attempt, so no two instances ever deliver to
/// a subscription at the same time; the delivery record, the subscription's cursor and the attempt's outcome commit together.
/// If the instance dies mid-attempt, the transaction rolls back and the same event (same webhook-id) is delivered again.
/// A pending delivery blocks the subscription's later events until it succeeds or its retry window runs out.
/// </summary>
internal sealed partial class WebhookDeliveryWorker(
    NpgsqlDataSource dataSource, WebhookClient client, EventAnnouncer announcer, IOptions<WebhooksOptions> options, TimeProvider clock,
    Telemetry.EventAgentsMetrics metrics, Secrets.SecretProtector secrets, ILogger<WebhookDeliveryWorker> logger) : BackgroundService
{
    private const string DueSubscriptionSql =
        "SELECT s.id, s.tenant_id, s.url, s.event_types, s.stream_prefix, s.secret, s.cursor_position, s.consecutive_failures, s.hidden_stream_prefixes " +
        "FROM webhook_subscriptions s WHERE s.enabled AND (" +
        "EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.subscription_id = s.id AND d.status = 'pending' AND d.next_attempt_at <= now()) " +
        "OR (NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.subscription_id = s.id AND d.status = 'pending') " +
        "AND EXISTS (SELECT 1 FROM es_tenant_logs l WHERE l.tenant_id = s.tenant_id AND l.last_position > s.cursor_position))) " +
        "ORDER BY s.worked_at LIMIT 1 FOR UPDATE OF s SKIP LOCKED";

    private const string PendingSql =
        "SELECT d.id, d.message_id, d.attempts, d.first_attempt_at, d.position FROM webhook_deliveries d " +
        "WHERE d.subscription_id = $1 AND d.status = 'pending' ORDER BY d.position LIMIT 1";

    private const string HeadSql = "SELECT coalesce((SELECT last_position FROM es_tenant_logs WHERE tenant_id = $1), 0)";

    private const string EventColumns = EventRows.Columns;

    private const string NextEventSql =
        "SELECT " + EventColumns + " FROM es_events e WHERE e.tenant_id = $1 AND e.position > $2 AND e.position <= $3 " +
        "AND ('*' = ANY ($4) OR e.event_type = ANY ($4)) AND ($5::text IS NULL OR starts_with(e.stream_id, $5)) " +
        "AND NOT (e.stream_id LIKE ANY ($6)) ORDER BY e.position LIMIT 1";

    private const string EventAtSql = "SELECT " + EventColumns + " FROM es_events e WHERE e.tenant_id = $1 AND e.position = $2";

    private const string InsertDeliverySql =
        "INSERT INTO webhook_deliveries (id, subscription_id, tenant_id, message_id, event_id, position, event_type, status, next_attempt_at, created_at, updated_at) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', now(), now(), now())";

    private const string MoveCursorSql = "UPDATE webhook_subscriptions SET cursor_position = $2, worked_at = now() WHERE id = $1";

    private const string RecordAttemptSql =
        "INSERT INTO webhook_delivery_attempts (delivery_id, attempt, status_code, duration_ms, error, attempted_at) VALUES ($1, $2, $3, $4, $5, now())";

    private const string FinishDeliverySql =
        "UPDATE webhook_deliveries SET status = $2, attempts = $3, first_attempt_at = coalesce(first_attempt_at, now()), " +
        "next_attempt_at = now() + make_interval(secs => $4), last_status_code = $5, last_error = $6, last_duration_ms = $7, updated_at = now() WHERE id = $1";

    private const string SubscriptionOutcomeSql =
        "UPDATE webhook_subscriptions SET consecutive_failures = $2, enabled = $3, disabled_reason = $4, worked_at = now(), " +
        "updated_at = CASE WHEN $3 THEN updated_at ELSE now() END WHERE id = $1";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.Workers <= 0)
        {
            return;
        }

        await Task.WhenAll(Enumerable.Range(0, settings.Workers).Select(_ => LoopAsync(settings, stoppingToken)));
    }

    private async Task LoopAsync(WebhooksOptions settings, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var worked = false;
            try
            {
                worked = await DeliverNextAsync(settings, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException or InvalidOperationException)
            {
                LogFailed(logger, ex.GetType().Name);
            }

            if (!worked)
            {
                await Task.Delay(TimeSpan.FromSeconds(settings.PollSeconds), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>One step for one due subscription: an attempt, or moving its cursor past events it does not want.</summary>
    private async Task<bool> DeliverNextAsync(WebhooksOptions settings, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        Subscription subscription;
        await using (var due = new NpgsqlCommand(DueSubscriptionSql, connection, transaction))
        await using (var reader = await due.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return false;
            }

            subscription = new Subscription(
                reader.GetGuid(0), reader.GetGuid(1), new Uri(reader.GetString(2)), reader.GetFieldValue<string[]>(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), secrets.Unprotect(reader.GetString(5)), reader.GetInt64(6), reader.GetInt32(7),
                reader.GetFieldValue<string[]>(8));
        }

        var delivery = await PendingAsync(connection, transaction, subscription, cancellationToken)
            ?? await NextDeliveryAsync(connection, transaction, subscription, cancellationToken);
        if (delivery is not null)
        {
            await AttemptAsync(connection, transaction, subscription, delivery, settings, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task<Delivery?> PendingAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Subscription subscription, CancellationToken cancellationToken)
    {
        Guid id;
        string messageId;
        int attempts;
        DateTimeOffset? firstAttempt;
        long position;
        await using (var pending = new NpgsqlCommand(PendingSql, connection, transaction))
        {
            pending.Add<Guid>(subscription.Id);
            await using var reader = await pending.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            (id, messageId, attempts, firstAttempt, position) =
                (reader.GetGuid(0), reader.GetString(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3), reader.GetInt64(4));
        }

        await using var load = new NpgsqlCommand(EventAtSql, connection, transaction);
        load.Add<Guid>(subscription.TenantId);
        load.Add<long>(position);
        var @event = await ReadEventAsync(load, cancellationToken);
        return @event is null ? null : new Delivery(id, messageId, attempts, firstAttempt, @event);
    }

    /// <summary>The next wanted event after the cursor becomes a pending delivery; with none, the cursor moves to the head read first.</summary>
    private static async Task<Delivery?> NextDeliveryAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Subscription subscription, CancellationToken cancellationToken)
    {
        long head;
        await using (var readHead = new NpgsqlCommand(HeadSql, connection, transaction))
        {
            readHead.Add<Guid>(subscription.TenantId);
            head = (long)(await readHead.ExecuteScalarAsync(cancellationToken))!;
        }

        EventDto? next;
        await using (var find = new NpgsqlCommand(NextEventSql, connection, transaction))
        {
            find.Add<Guid>(subscription.TenantId);
            find.Add<long>(subscription.Cursor);
            find.Add<long>(head);
            find.Add<string[]>(subscription.EventTypes);
            find.Parameters.Add(new NpgsqlParameter { Value = (object?)subscription.StreamPrefix ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            find.Add<string[]>(subscription.HiddenStreamPatterns);
            next = await ReadEventAsync(find, cancellationToken);
        }

        await using (var move = new NpgsqlCommand(MoveCursorSql, connection, transaction))
        {
            move.Add<Guid>(subscription.Id);
            move.Add<long>(next?.Position ?? head);
            await move.ExecuteNonQueryAsync(cancellationToken);
        }

        if (next is null)
        {
            return null;
        }

        var delivery = new Delivery(Guid.CreateVersion7(), "msg_" + next.EventId.ToString("N"), 0, null, next);
        await using var insert = new NpgsqlCommand(InsertDeliverySql, connection, transaction);
        insert.Add<Guid>(delivery.Id);
        insert.Add<Guid>(subscription.Id);
        insert.Add<Guid>(subscription.TenantId);
        insert.Add<string>(delivery.MessageId);
        insert.Add<Guid>(next.EventId);
        insert.Add<long>(next.Position);
        insert.Add<string>(next.Type);
        await insert.ExecuteNonQueryAsync(cancellationToken);
        return delivery;
    }

    private async Task AttemptAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Subscription subscription, Delivery delivery, WebhooksOptions settings,
        CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new { type = delivery.Event.Type, timestamp = delivery.Event.CreatedAt, data = delivery.Event }, JsonDefaults.Web);
        using var request = new WebhookMessage(delivery.MessageId, body).ToRequest(subscription.Url, subscription.Secret, clock.GetUtcNow());
        var result = await client.SendAsync(request, cancellationToken);
        var attempts = delivery.Attempts + 1;
        var expired = delivery.FirstAttemptAt is { } first && clock.GetUtcNow() - first > TimeSpan.FromHours(settings.RetryWindowHours);
        var status = result.Succeeded ? "succeeded" : expired ? "failed" : "pending";
        var delay = result.RetryAfter is { } retryAfter && retryAfter > TimeSpan.Zero
            ? TimeSpan.FromSeconds(Math.Min(settings.RetryMaxSeconds, retryAfter.TotalSeconds))
            : settings.RetryDelay(attempts);

        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            var attempt = new NpgsqlBatchCommand(RecordAttemptSql);
            attempt.Add(delivery.Id);
            attempt.Add(attempts);
            attempt.AddNullable(result.StatusCode, NpgsqlTypes.NpgsqlDbType.Integer);
            attempt.Add(result.DurationMs);
            attempt.AddNullable(result.Error, NpgsqlTypes.NpgsqlDbType.Text);
            var finish = new NpgsqlBatchCommand(FinishDeliverySql);
            finish.Add(delivery.Id);
            finish.Add(status);
            finish.Add(attempts);
            finish.Add(delay.TotalSeconds);
            finish.AddNullable(result.StatusCode, NpgsqlTypes.NpgsqlDbType.Integer);
            finish.AddNullable(result.Error, NpgsqlTypes.NpgsqlDbType.Text);
            finish.Add(result.DurationMs);
            batch.BatchCommands.Add(attempt);
            batch.BatchCommands.Add(finish);
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        metrics.WebhookDelivery(status == "pending" ? "retrying" : status);
        var failures = result.Succeeded ? 0 : subscription.ConsecutiveFailures + 1;
        var disable = result.StatusCode == 410 ? "the receiver answered 410 Gone"
            : failures >= settings.DisableAfterConsecutiveFailures ? $"{failures} failed attempts in a row"
            : null;
        await using (var outcome = new NpgsqlCommand(SubscriptionOutcomeSql, connection, transaction))
        {
            outcome.Add<Guid>(subscription.Id);
            outcome.Add<int>(failures);
            outcome.Add<bool>(disable is null);
            outcome.Parameters.Add(new NpgsqlParameter { Value = (object?)disable ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            await outcome.ExecuteNonQueryAsync(cancellationToken);
        }

        if (disable is not null)
        {
            await AppendDisabledAsync(connection, transaction, subscription, disable, failures, cancellationToken);
            LogDisabled(logger, subscription.Id, disable);
        }
    }

    private async Task AppendDisabledAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Subscription subscription, string reason, int failures, CancellationToken cancellationToken)
    {
        await AppendStatement.AppendSystemEventAsync(
            connection, transaction, subscription.TenantId, WebhookRules.StreamOf(subscription.Id), WebhookRules.DisabledEventType,
            JsonSerializer.Serialize(new { webhookId = subscription.Id, reason, consecutiveFailures = failures }, JsonDefaults.Web), "{}",
            cancellationToken);
        announcer.Committed(subscription.TenantId);
    }

    private static async Task<EventDto?> ReadEventAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? EventRows.Read(reader) : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery step failed ({Error}); retrying")]
    private static partial void LogFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook subscription {WebhookId} disabled: {Reason}")]
    private static partial void LogDisabled(ILogger logger, Guid webhookId, string reason);

    private sealed record Subscription(
        Guid Id, Guid TenantId, Uri Url, string[] EventTypes, string? StreamPrefix, string Secret, long Cursor, int ConsecutiveFailures,
        string[] HiddenStreamPatterns);

    private sealed record Delivery(Guid Id, string MessageId, int Attempts, DateTimeOffset? FirstAttemptAt, EventDto Event);
}
