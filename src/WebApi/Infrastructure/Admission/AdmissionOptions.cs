namespace EventAgents.WebApi.Infrastructure.Admission;

/// <summary>
/// Configuration section <c>Overload</c>: admission control. By default every bound adapts to the machine and the load; the
/// fixed bounds are for operators who want them.
/// </summary>
public sealed class AdmissionOptions
{
    public const string SectionName = "Overload";

    public bool Enabled { get; set; } = true;

    /// <summary>A fixed limit of requests in progress per class of work (reads, writes); 0 (default) adapts it to latency.</summary>
    public int MaxConcurrentRequests { get; set; }

    /// <summary>The adaptive limit's start and lower bound, per class; default 4 per core.</summary>
    public int MinConcurrency { get; set; } = 4 * Environment.ProcessorCount;

    /// <summary>The adaptive limit's upper bound, per class.</summary>
    public int MaxConcurrency { get; set; } = 1000;

    /// <summary>How far above its no-load latency a class may run before its limit shrinks (a factor).</summary>
    public double LatencyTolerance { get; set; } = 2.0;

    /// <summary>
    /// Latency that never counts as congestion, however fast the no-load latency is: half of the brief's 100 ms p95, so that
    /// a request's time in progress leaves room for its time in the queue.
    /// </summary>
    public int MinTargetLatencyMilliseconds { get; set; } = 50;

    /// <summary>Waiting requests per class beyond which the instance counts as overloaded; 0 sheds as soon as the limit is reached.</summary>
    public int QueueLimit { get; set; } = 1024;

    /// <summary>
    /// The longest a request waits for a slot: once one has waited this long, the class counts as overloaded and sheds what
    /// it cannot serve within <see cref="OverloadedQueueMilliseconds"/>. 0 lets requests wait as long as it takes.
    /// </summary>
    public int MaxQueueMilliseconds { get; set; } = 5000;

    /// <summary>While overloaded, how long a request may wait for a slot; arrivals that would wait longer are shed at once.</summary>
    public int OverloadedQueueMilliseconds { get; set; } = 50;

    /// <summary>Bytes of request bodies that may be held in memory while their requests wait for a slot.</summary>
    public long MaxBufferedBodyBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>The Retry-After of a shed request.</summary>
    public int RetryAfterSeconds { get; set; } = 1;
}
