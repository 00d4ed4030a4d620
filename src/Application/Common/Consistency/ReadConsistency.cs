namespace EventAgents.Application.Common.Consistency;

/// <summary>
/// What the current flow's reads may be served from. Only a request that reads (GET, HEAD) may use a replica, and it says so
/// here once (WebApi), with the token it sent, if any; a write's own reads (its version checks and preconditions) and
/// background work (run workers, webhooks) never see this set, so they read the primary. The read cache serves a read with a
/// token nothing (its entries are current only as of the notifications this instance has received) and keeps nothing a
/// replica served (that may be older than what the cache's invalidation assumes).
/// </summary>
public static class ReadConsistency
{
    private static readonly AsyncLocal<Intent?> Current = new();

    public static bool MayUseReplica => Current.Value is not null;

    public static ConsistencyToken? Required => Current.Value?.Token;

    /// <summary>Whether a replica served any read of this request so far.</summary>
    public static bool ServedByReplica => Current.Value?.ServedByReplica ?? false;

    public static void AllowReplica(ConsistencyToken? token) => Current.Value = new Intent(token);

    /// <summary>This flow reads the primary from now on (a live stream: a replica would deliver a notified event late).</summary>
    public static void UsePrimary() => Current.Value = null;

    public static void MarkServedByReplica()
    {
        if (Current.Value is { } intent)
        {
            intent.ServedByReplica = true;
        }
    }

    /// <summary>A mutable holder, so that what a callee records is seen by its caller (an AsyncLocal's value does not flow back).</summary>
    private sealed class Intent(ConsistencyToken? token)
    {
        public ConsistencyToken? Token { get; } = token;

        public bool ServedByReplica { get; set; }
    }
}
