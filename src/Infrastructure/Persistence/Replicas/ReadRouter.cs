using EventAgents.Application.Common.Consistency;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EventAgents.Infrastructure.Persistence.Replicas;

/// <summary>
/// Chooses where a read goes (<see cref="ReadConsistency"/> says whether it may leave the primary). With a consistency token:
/// a replica that has replayed past it, waiting at most <see cref="ReplicaOptions.ReplicaWaitMilliseconds"/> for one, else
/// the primary. Without: a replica no further behind than <see cref="ReplicaOptions.MaxReplicaLagMilliseconds"/>, else the
/// primary. Replicas take turns.
/// </summary>
internal sealed class ReadRouter(
    NpgsqlDataSource primary, ReplicaSet replicas, ReplicaMonitor monitor, IOptions<ReplicaOptions> options, TimeProvider clock,
    Telemetry.EventAgentsMetrics metrics)
{
    private int _turn;
    private long _byReplica;
    private long _byPrimary;

    public NpgsqlDataSource Primary => primary;

    /// <summary>Reads a replica served (for tests and the benchmark).</summary>
    public long ServedByReplica => Interlocked.Read(ref _byReplica);

    /// <summary>Reads that could have gone to a replica and went to the primary.</summary>
    public long ServedByPrimary => Interlocked.Read(ref _byPrimary);

    public async ValueTask<NpgsqlDataSource> SourceAsync(CancellationToken cancellationToken)
    {
        if (!replicas.Any || !ReadConsistency.MayUseReplica)
        {
            return primary;
        }

        var settings = options.Value;
        if (ReadConsistency.Required is not { } token)
        {
            var maxLag = TimeSpan.FromMilliseconds(settings.MaxReplicaLagMilliseconds);
            return Served(Pick(replica => replica.Reachable && replica.Lag <= maxLag));
        }

        var deadline = clock.GetUtcNow().AddMilliseconds(settings.ReplicaWaitMilliseconds);
        while (true)
        {
            if (Pick(replica => replica.Reachable && replica.ReplayedLsn >= token.Lsn) is { } caughtUp)
            {
                return Served(caughtUp);
            }

            var reachable = replicas.Replicas.Where(replica => replica.Reachable).ToList();
            if (reachable.Count == 0 || clock.GetUtcNow() >= deadline)
            {
                return Served(null);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(5), clock, cancellationToken);
            await Task.WhenAll(reachable.Select(replica => monitor.ProbeAsync(replica, cancellationToken)));
        }
    }

    private Replica? Pick(Func<Replica, bool> eligible)
    {
        var all = replicas.Replicas;
        var start = (int)((uint)Interlocked.Increment(ref _turn) % (uint)all.Count);
        for (var i = 0; i < all.Count; i++)
        {
            var replica = all[(start + i) % all.Count];
            if (eligible(replica))
            {
                return replica;
            }
        }

        return null;
    }

    private NpgsqlDataSource Served(Replica? replica)
    {
        if (replica is null)
        {
            Interlocked.Increment(ref _byPrimary);
            metrics.ReadRouted("primary");
            return primary;
        }

        Interlocked.Increment(ref _byReplica);
        metrics.ReadRouted("replica");
        ReadConsistency.MarkServedByReplica();
        return replica.DataSource;
    }
}
