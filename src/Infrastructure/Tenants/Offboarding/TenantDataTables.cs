namespace EventAgents.Infrastructure.Tenants.Offboarding;

/// <summary>
/// Every table holding a tenant's data, as statements deleting one bounded batch of it, in an order foreign keys allow
/// (children first). A table added with a tenant's rows must be added here: TenantOffboardingTests fails otherwise (it checks
/// that no table keeps a row of the offboarded tenant).
/// </summary>
internal static class TenantDataTables
{
    public static readonly (string Table, string Rows)[] Batches =
    [
        ("tenant_export_chunks", "export_id IN (SELECT id FROM tenant_exports WHERE tenant_id = $1)"),
        ("tenant_exports", "tenant_id = $1"),
        ("webhook_delivery_attempts", "delivery_id IN (SELECT d.id FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id WHERE s.tenant_id = $1)"),
        ("webhook_deliveries", "subscription_id IN (SELECT id FROM webhook_subscriptions WHERE tenant_id = $1)"),
        ("webhook_subscriptions", "tenant_id = $1"),
        ("agent_run_steps", "run_id IN (SELECT id FROM agent_runs WHERE tenant_id = $1)"),
        ("agent_runs", "tenant_id = $1"),
        ("agent_run_counts", "tenant_id = $1"),
        ("agents", "tenant_id = $1"),
        ("idempotency_keys", "tenant_id = $1"),
        ("documents", "tenant_id = $1"),
        ("es_events", "tenant_id = $1"),
        ("es_streams", "tenant_id = $1"),
        ("es_tenant_logs", "tenant_id = $1"),
        ("schema_versions", "tenant_id = $1"),
        ("schema_subjects", "tenant_id = $1"),
        ("api_client_secrets", "client_id IN (SELECT client_id FROM api_clients WHERE tenant_id = $1)"),
        ("api_clients", "tenant_id = $1"),
    ];

    /// <summary>Deletes up to $2 rows of the tenant $1 from <paramref name="table"/> (table names are these constants).</summary>
    public static string DeleteBatchSql(string table, string rows) =>
        $"DELETE FROM {table} WHERE ctid = ANY (ARRAY (SELECT ctid FROM {table} WHERE {rows} LIMIT $2))";
}
