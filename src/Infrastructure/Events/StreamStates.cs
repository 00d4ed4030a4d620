using EventAgents.Domain.Events;
using Npgsql;

namespace EventAgents.Infrastructure.Events;

/// <summary>
/// How a stream's lifecycle is stored, in one place for every reader and writer of it (stream reads, deletes and erasures,
/// retention, the scavenger, exports): the tenant's log lock that every writer of es_streams takes first, the state row, and
/// <see cref="StreamRetention"/>'s rule as SQL over es_streams <c>s</c> and es_events <c>e</c>.
/// </summary>
internal static class StreamStates
{
    public const string LockTenantSql = "SELECT 1 FROM es_tenant_logs WHERE tenant_id = $1 FOR UPDATE";

    public const string StateSql =
        "SELECT version, deleted_at_version, erased_at IS NOT NULL, max_age_seconds, max_count, truncate_before " +
        "FROM es_streams WHERE tenant_id = $1 AND stream_id = $2";

    /// <summary>The first readable version (<see cref="StreamRetention.FirstRetainedVersion"/>).</summary>
    public const string RetainedFrom =
        "greatest(s.truncate_before, CASE WHEN s.max_count IS NULL THEN 0 ELSE s.version - s.max_count + 1 END)";

    /// <summary>Whether the event is young enough (<see cref="StreamRetention.IsRetained"/>).</summary>
    public const string RetainedSince = "(s.max_age_seconds IS NULL OR e.created_at >= now() - s.max_age_seconds * interval '1 second')";

    /// <summary>A row of <see cref="StateSql"/>.</summary>
    public static StreamState Read(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        reader.IsDBNull(1) ? null : reader.GetInt64(1),
        reader.GetBoolean(2),
        new StreamRetention(
            reader.IsDBNull(3) ? null : TimeSpan.FromSeconds(reader.GetInt64(3)),
            reader.IsDBNull(4) ? null : reader.GetInt64(4),
            reader.GetInt64(5) is > 0 and var truncateBefore ? truncateBefore : null));
}
