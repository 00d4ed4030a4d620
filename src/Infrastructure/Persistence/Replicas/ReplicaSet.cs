using NpgsqlTypes;

namespace EventAgents.Infrastructure.Persistence.Replicas;

/// <summary>
/// The configured streaming replicas and the primary's recent WAL positions, from which each replica's lag is known: a
/// replica that has replayed the position the primary had at time t is at most now − t behind (measured, not taken from
/// <c>pg_last_xact_replay_timestamp()</c>, which stands still while the primary is idle).
/// </summary>
internal sealed class ReplicaSet(IReadOnlyList<Replica> replicas)
{
    private readonly Queue<(DateTimeOffset At, ulong Lsn)> _primary = new();
    private readonly Lock _gate = new();

    public IReadOnlyList<Replica> Replicas { get; } = replicas;

    public bool Any => Replicas.Count > 0;

    public void PrimaryAt(DateTimeOffset at, ulong lsn, TimeSpan keep)
    {
        lock (_gate)
        {
            _primary.Enqueue((at, lsn));
            while (_primary.Count > 2 && _primary.Peek().At < at - keep)
            {
                _primary.Dequeue();
            }
        }
    }

    /// <summary>How far behind a replica that replayed <paramref name="replayed"/> is at <paramref name="now"/>.</summary>
    public TimeSpan LagOf(ulong replayed, DateTimeOffset now)
    {
        lock (_gate)
        {
            DateTimeOffset? caughtUpTo = null;
            DateTimeOffset? oldest = null;
            foreach (var (at, lsn) in _primary)
            {
                oldest ??= at;
                if (lsn <= replayed)
                {
                    caughtUpTo = at;
                }
            }

            return caughtUpTo is { } upTo ? (upTo >= _primary.Last().At ? TimeSpan.Zero : now - upTo)
                : oldest is { } first ? now - first
                : TimeSpan.MaxValue;
        }
    }

    public static ulong ToUInt64(NpgsqlLogSequenceNumber lsn) => (ulong)lsn;
}
