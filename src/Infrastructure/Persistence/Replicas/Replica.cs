using Npgsql;

namespace EventAgents.Infrastructure.Persistence.Replicas;

/// <summary>One streaming replica and what the monitor last learnt of it.</summary>
internal sealed class Replica(string name, NpgsqlDataSource dataSource)
{
    private long _replayed;
    private long _lagTicks = long.MaxValue;
    private volatile bool _reachable;

    /// <summary>Host and port, for health and logs (never the password).</summary>
    public string Name { get; } = name;

    public NpgsqlDataSource DataSource { get; } = dataSource;

    public bool Reachable => _reachable;

    public ulong ReplayedLsn => (ulong)Volatile.Read(ref _replayed);

    /// <summary>How far behind the primary it was at the last probe (MaxValue: unknown).</summary>
    public TimeSpan Lag => TimeSpan.FromTicks(Volatile.Read(ref _lagTicks));

    public void Observed(ulong replayed, TimeSpan lag)
    {
        Volatile.Write(ref _replayed, (long)replayed);
        Volatile.Write(ref _lagTicks, lag.Ticks);
        _reachable = true;
    }

    public void Lost()
    {
        _reachable = false;
        Volatile.Write(ref _lagTicks, long.MaxValue);
    }
}
