namespace EventAgents.Infrastructure.Persistence.Replicas;

/// <summary>Reads from streaming replicas (section <c>Database</c>; the replicas are <c>ConnectionStrings:PostgresReplicas</c>).</summary>
public sealed class ReplicaOptions
{
    /// <summary>Without a consistency token, a replica further behind the primary than this serves no reads.</summary>
    public int MaxReplicaLagMilliseconds { get; set; } = 1000;

    /// <summary>How long a read with a consistency token waits for a replica to replay past it before it goes to the primary.</summary>
    public int ReplicaWaitMilliseconds { get; set; } = 250;

    /// <summary>How often each replica's replay position (and the primary's) is sampled.</summary>
    public int ReplicaProbeMilliseconds { get; set; } = 100;
}
