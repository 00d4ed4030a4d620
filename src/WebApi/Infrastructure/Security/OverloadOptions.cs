namespace EventAgents.WebApi.Infrastructure.Security;

/// <summary>
/// Configuration section <c>Overload</c>: how many requests run at once, how many may wait and for how long, before excess
/// is shed. The defaults keep an accepted request's latency bounded on any machine: concurrency scales with the cores
/// (more requests in progress than that only queue inside the process, on the thread pool and the connection pool).
/// </summary>
public sealed class OverloadOptions
{
    public const string SectionName = "Overload";

    public bool Enabled { get; set; } = true;

    /// <summary>Requests in progress at once (live streams and operational endpoints are not counted); default 8 per core.</summary>
    public int MaxConcurrentRequests { get; set; } = 8 * Environment.ProcessorCount;

    /// <summary>Requests that may wait for a slot; beyond that, a 503 at once. Default 32 per core.</summary>
    public int QueueLimit { get; set; } = 32 * Environment.ProcessorCount;

    /// <summary>How long a request may wait for a slot before it is shed with a 503; 0 waits as long as it takes.</summary>
    public int MaxQueueMilliseconds { get; set; } = 100;

    /// <summary>The Retry-After of a shed request.</summary>
    public int RetryAfterSeconds { get; set; } = 1;
}
