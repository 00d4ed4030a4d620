using EventAgents.Application.Webhooks;
using EventAgents.Domain.Events;
using EventAgents.Infrastructure.Persistence;
using EventAgents.Infrastructure.Secrets;
using Npgsql;
using NpgsqlTypes;

namespace EventAgents.Infrastructure.Webhooks;

/// <summary>Webhook subscriptions and deliveries in PostgreSQL; every statement binds the tenant.</summary>
internal sealed class PostgresWebhookStore(
    NpgsqlDataSource dataSource, Persistence.Replicas.ReadRouter reads, TimeProvider clock, SecretProtector secrets) : IWebhookStore
{
    private const string Columns = "id, url, event_types, stream_prefix, description, enabled, disabled_reason, created_at, updated_at";

    // The tenant's subscription creations take turns, so concurrent creates cannot both pass the quota.
    private const string LockTenantSql = "SELECT pg_advisory_xact_lock(hashtextextended('webhooks:' || $1::text, 0))";

    // A new subscription starts at the tenant's head: it receives what is appended from now on. It keeps the system stream
    // prefixes its creator could not read, as LIKE patterns.
    private const string InsertSql =
        "INSERT INTO webhook_subscriptions (id, tenant_id, url, event_types, stream_prefix, description, secret, enabled, cursor_position, " +
        "hidden_stream_prefixes, worked_at, created_at, updated_at) " +
        "SELECT $1, $2, $3, $4, $5, $6, $7, true, coalesce((SELECT last_position FROM es_tenant_logs WHERE tenant_id = $2), 0), $9, $8, $8, $8 " +
        "WHERE (SELECT count(*) FROM webhook_subscriptions WHERE tenant_id = $2) < $10 RETURNING " + Columns;

    private const string GetSql = "SELECT " + Columns + " FROM webhook_subscriptions WHERE tenant_id = $1 AND id = $2";

    private const string ListSql =
        "SELECT " + Columns + " FROM webhook_subscriptions WHERE tenant_id = $1 AND ($2::uuid IS NULL OR id > $2) ORDER BY id LIMIT $3";

    private const string UpdateSql =
        "UPDATE webhook_subscriptions SET url = coalesce($3, url), event_types = coalesce($4, event_types), " +
        "stream_prefix = CASE WHEN $5::text IS NULL THEN stream_prefix WHEN $5 = '' THEN NULL ELSE $5 END, " +
        "description = coalesce($6, description), enabled = coalesce($7, enabled), " +
        "consecutive_failures = CASE WHEN $7 THEN 0 ELSE consecutive_failures END, " +
        "disabled_reason = CASE WHEN $7 THEN NULL WHEN $7 = false THEN 'disabled by the client' ELSE disabled_reason END, updated_at = $8 " +
        "WHERE tenant_id = $1 AND id = $2 RETURNING " + Columns;

    private const string DeleteSql = "DELETE FROM webhook_subscriptions WHERE tenant_id = $1 AND id = $2";

    private const string SetSecretSql = "UPDATE webhook_subscriptions SET secret = $3, updated_at = $4 WHERE tenant_id = $1 AND id = $2";

    private const string GetSecretSql = "SELECT secret FROM webhook_subscriptions WHERE tenant_id = $1 AND id = $2";

    private const string DeliveriesSql =
        "SELECT d.id, d.message_id, d.event_id, d.position, d.event_type, d.status, d.attempts, " +
        "CASE WHEN d.status = 'pending' THEN d.next_attempt_at END, d.created_at, d.updated_at, " +
        "coalesce((SELECT jsonb_agg(jsonb_build_object('attempt', a.attempt, 'statusCode', a.status_code, 'durationMs', a.duration_ms, " +
        "'error', a.error, 'attemptedAt', a.attempted_at) ORDER BY a.attempt) FROM webhook_delivery_attempts a WHERE a.delivery_id = d.id), '[]')::text " +
        "FROM webhook_deliveries d WHERE d.tenant_id = $1 AND d.subscription_id = $2 AND ($3::text IS NULL OR d.status = $3) " +
        "AND ($4::uuid IS NULL OR d.id < $4) ORDER BY d.id DESC LIMIT $5";

    public async Task<WebhookDto?> CreateAsync(
        Guid tenantId, Guid id, WebhookChange settings, string secret, IReadOnlyCollection<string> creatorScopes, int maxPerTenant,
        CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        var lockTenant = new NpgsqlBatchCommand(LockTenantSql);
        lockTenant.Add<Guid>(tenantId);
        batch.BatchCommands.Add(lockTenant);
        var command = new NpgsqlBatchCommand(InsertSql);
        batch.BatchCommands.Add(command);
        command.Add<Guid>(id);
        command.Add<Guid>(tenantId);
        command.Add<string>(settings.Url!);
        command.Add<string[]>(settings.EventTypes!.Distinct(StringComparer.Ordinal).ToArray());
        command.AddNullable(string.IsNullOrEmpty(settings.StreamPrefix) ? null : settings.StreamPrefix, NpgsqlDbType.Text);
        command.AddNullable(settings.Description, NpgsqlDbType.Text);
        command.Add<string>(secrets.Protect(secret));
        command.Add<DateTimeOffset>(clock.GetUtcNow());
        command.Add<string[]>(SystemStreams.HiddenFrom(creatorScopes).Select(prefix => prefix + "%").ToArray());
        command.Add<int>(maxPerTenant);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<WebhookDto?> GetAsync(Guid tenantId, Guid id, CancellationToken cancellationToken)
    {
        await using var command = (await reads.SourceAsync(cancellationToken)).CreateCommand(GetSql);
        AddKey(command, tenantId, id);
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<WebhookDto>> ListAsync(Guid tenantId, Guid? afterId, int limit, CancellationToken cancellationToken)
    {
        await using var command = (await reads.SourceAsync(cancellationToken)).CreateCommand(ListSql);
        command.Add<Guid>(tenantId);
        command.AddNullable(afterId, NpgsqlDbType.Uuid);
        command.Add<int>(limit);
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<WebhookDto?> UpdateAsync(Guid tenantId, Guid id, WebhookChange change, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(UpdateSql);
        AddKey(command, tenantId, id);
        command.AddNullable(change.Url, NpgsqlDbType.Text);
        command.AddNullable(change.EventTypes?.Distinct(StringComparer.Ordinal).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        command.AddNullable(change.StreamPrefix, NpgsqlDbType.Text);
        command.AddNullable(change.Description, NpgsqlDbType.Text);
        command.AddNullable(change.Enabled, NpgsqlDbType.Boolean);
        command.Add<DateTimeOffset>(clock.GetUtcNow());
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<bool> DeleteAsync(Guid tenantId, Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(DeleteSql);
        AddKey(command, tenantId, id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> SetSecretAsync(Guid tenantId, Guid id, string secret, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SetSecretSql);
        AddKey(command, tenantId, id);
        command.Add<string>(secrets.Protect(secret));
        command.Add<DateTimeOffset>(clock.GetUtcNow());
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<string?> GetSecretAsync(Guid tenantId, Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(GetSecretSql);
        AddKey(command, tenantId, id);
        return await command.ExecuteScalarAsync(cancellationToken) is string stored ? secrets.Unprotect(stored) : null;
    }

    public async Task<IReadOnlyList<DeliveryDto>> ListDeliveriesAsync(
        Guid tenantId, Guid subscriptionId, string? status, Guid? beforeId, int limit, CancellationToken cancellationToken)
    {
        await using var command = (await reads.SourceAsync(cancellationToken)).CreateCommand(DeliveriesSql);
        AddKey(command, tenantId, subscriptionId);
        command.AddNullable(status, NpgsqlDbType.Text);
        command.AddNullable(beforeId, NpgsqlDbType.Uuid);
        command.Add<int>(limit);
        var deliveries = new List<DeliveryDto>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            deliveries.Add(new DeliveryDto(
                reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetGuid(2), reader.IsDBNull(3) ? null : reader.GetInt64(3),
                reader.GetString(4), reader.GetString(5), reader.GetInt32(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                System.Text.Json.JsonSerializer.Deserialize<List<DeliveryAttemptDto>>(reader.GetString(10), Application.Common.Json.JsonDefaults.Web)!,
                reader.GetFieldValue<DateTimeOffset>(8), reader.GetFieldValue<DateTimeOffset>(9)));
        }

        return deliveries;
    }

    private static async Task<List<WebhookDto>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var webhooks = new List<WebhookDto>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            webhooks.Add(Read(reader));
        }

        return webhooks;
    }

    private static WebhookDto Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<string[]>(2), reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetBoolean(5), reader.IsDBNull(6) ? null : reader.GetString(6),
        reader.GetFieldValue<DateTimeOffset>(7), reader.GetFieldValue<DateTimeOffset>(8));

    private static void AddKey(NpgsqlCommand command, Guid tenantId, Guid id)
    {
        command.Add<Guid>(tenantId);
        command.Add<Guid>(id);
    }

}
