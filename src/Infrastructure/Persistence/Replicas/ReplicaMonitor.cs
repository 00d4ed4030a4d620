using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace EventAgents.Infrastructure.Persistence.Replicas;

/// <summary>
/// Samples the primary's WAL position and each replica's replay position, so the router knows which replicas may serve
/// which reads. A replica that fails a probe (or is not in recovery: promoted, or misconfigured) leaves the rotation until a
/// later probe succeeds.
/// </summary>
internal sealed partial class ReplicaMonitor(
    NpgsqlDataSource primary, ReplicaSet replicas, IOptions<ReplicaOptions> options, TimeProvider clock, ILogger<ReplicaMonitor> logger)
    : Hosting.PeriodicWorker(clock, logger)
{
    private const string PrimarySql = "SELECT pg_current_wal_lsn()";

    private const string ReplicaSql = "SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()";

    protected override TimeSpan Interval => replicas.Any ? TimeSpan.FromMilliseconds(options.Value.ReplicaProbeMilliseconds) : TimeSpan.Zero;

    protected override async Task TickAsync(CancellationToken cancellationToken)
    {
        await using (var command = primary.CreateCommand(PrimarySql))
        {
            var lsn = (NpgsqlLogSequenceNumber)(await command.ExecuteScalarAsync(cancellationToken))!;
            replicas.PrimaryAt(Clock.GetUtcNow(), ReplicaSet.ToUInt64(lsn), TimeSpan.FromMilliseconds(options.Value.MaxReplicaLagMilliseconds * 4 + 5000));
        }

        await Task.WhenAll(replicas.Replicas.Select(replica => ProbeAsync(replica, cancellationToken)));
    }

    /// <summary>Asks a replica how far it has replayed; true when it could say.</summary>
    public async Task<bool> ProbeAsync(Replica replica, CancellationToken cancellationToken)
    {
        var wasReachable = replica.Reachable;
        try
        {
            await using var command = replica.DataSource.CreateCommand(ReplicaSql);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken) && reader.GetBoolean(0) && !reader.IsDBNull(1))
            {
                var replayed = ReplicaSet.ToUInt64(reader.GetFieldValue<NpgsqlLogSequenceNumber>(1));
                replica.Observed(replayed, replicas.LagOf(replayed, Clock.GetUtcNow()));
                if (!wasReachable)
                {
                    LogJoined(logger, replica.Name);
                }

                return true;
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
        }

        replica.Lost();
        if (wasReachable)
        {
            LogLost(logger, replica.Name);
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replica {Replica} serves reads")]
    private static partial void LogJoined(ILogger logger, string replica);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replica {Replica} is unreachable or not a standby: reads go elsewhere until it answers again")]
    private static partial void LogLost(ILogger logger, string replica);
}
