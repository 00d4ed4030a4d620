namespace EventAgents.Infrastructure.Tenants.Exports;

/// <summary>
/// The export's NDJSON lines, one per row, built as JSON by PostgreSQL (no row is materialised in .NET), in a stable order.
/// What reads 404 through the API (deleted and erased streams, events hidden by retention, deleted agents) is not exported;
/// secrets (client secrets, webhook and tool secrets) never are. Every query runs in one REPEATABLE READ snapshot.
/// </summary>
internal static class TenantExportQueries
{
    public const string HeadSql = "SELECT coalesce((SELECT last_position FROM es_tenant_logs WHERE tenant_id = $1), 0)";

    /// <summary>Each query binds the tenant ($1); the events' also the head position ($2).</summary>
    public static readonly string[] Lines =
    [
        "SELECT json_build_object('kind', 'stream', 'streamId', stream_id, 'version', version, 'createdAt', created_at, 'updatedAt', updated_at, " +
        "'maxAge', max_age_seconds, 'maxCount', max_count, 'truncateBefore', nullif(truncate_before, 0))::text " +
        "FROM es_streams WHERE tenant_id = $1 AND erased_at IS NULL AND deleted_at_version IS DISTINCT FROM version AND version > 0 ORDER BY stream_id",

        "SELECT json_build_object('kind', 'event', 'eventId', e.event_id, 'streamId', e.stream_id, 'version', e.version, 'position', e.position, " +
        "'type', e.event_type, 'data', e.data, 'metadata', e.metadata, 'createdAt', e.created_at)::text " +
        "FROM es_events e JOIN es_streams s ON s.tenant_id = e.tenant_id AND s.stream_id = e.stream_id " +
        "WHERE e.tenant_id = $1 AND e.position <= $2 AND s.erased_at IS NULL " +
        $"AND e.version >= {Events.StreamStates.RetainedFrom} AND {Events.StreamStates.RetainedSince} ORDER BY e.position",

        "SELECT json_build_object('kind', 'document', 'collection', collection, 'id', id, 'version', version, 'data', data, " +
        "'createdAt', created_at, 'updatedAt', updated_at)::text FROM documents WHERE tenant_id = $1 ORDER BY collection, id",

        "SELECT json_build_object('kind', 'agent', 'id', id, 'name', name, 'settings', settings, 'version', version, " +
        "'createdAt', created_at, 'updatedAt', updated_at)::text FROM agents WHERE tenant_id = $1 AND deleted_at IS NULL ORDER BY id",

        "SELECT json_build_object('kind', 'run', 'id', id, 'agentId', agent_id, 'status', status, 'input', input, 'output', output, " +
        "'error', error, 'trigger', trigger, 'createdAt', created_at, 'startedAt', started_at, 'finishedAt', finished_at)::text " +
        "FROM agent_runs WHERE tenant_id = $1 ORDER BY id",

        "SELECT json_build_object('kind', 'webhook', 'id', id, 'url', url, 'eventTypes', event_types, 'streamPrefix', stream_prefix, " +
        "'description', description, 'enabled', enabled, 'createdAt', created_at)::text FROM webhook_subscriptions WHERE tenant_id = $1 ORDER BY id",
    ];
}
