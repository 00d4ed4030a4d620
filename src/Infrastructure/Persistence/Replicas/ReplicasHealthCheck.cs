using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace EventAgents.Infrastructure.Persistence.Replicas;

/// <summary>
/// Replicas in /health/ready: degraded (still 200) while any is unreachable or lagging beyond the limit — reads go to the
/// others or the primary meanwhile — never unhealthy: the primary is what the instance needs.
/// </summary>
internal sealed class ReplicasHealthCheck(ReplicaSet replicas, IOptions<ReplicaOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var maxLag = TimeSpan.FromMilliseconds(options.Value.MaxReplicaLagMilliseconds);
        var data = replicas.Replicas.ToDictionary(
            replica => replica.Name,
            replica => (object)(!replica.Reachable ? "unreachable" : replica.Lag <= maxLag ? $"lag {replica.Lag.TotalMilliseconds:0} ms" : $"lagging ({replica.Lag.TotalMilliseconds:0} ms)"));
        var serving = replicas.Replicas.Count(replica => replica.Reachable && replica.Lag <= maxLag);
        return Task.FromResult(serving == replicas.Replicas.Count
            ? HealthCheckResult.Healthy($"{serving} replica(s) serving reads", data)
            : HealthCheckResult.Degraded($"{serving} of {replicas.Replicas.Count} replicas serving reads; the others are skipped", data: data));
    }
}
