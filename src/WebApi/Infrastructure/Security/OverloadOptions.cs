namespace EventAgents.WebApi.Infrastructure.Security;

/// <summary>Configuration section <c>Overload</c>: how many requests run at once, and how many may wait, before excess is shed.</summary>
public sealed class OverloadOptions
{
    public const string SectionName = "Overload";

    public bool Enabled { get; set; } = true;

    /// <summary>Requests in progress at once (live streams and operational endpoints are not counted).</summary>
    public int MaxConcurrentRequests { get; set; } = 512;

    /// <summary>Requests that may wait for a slot; beyond that, a 503 at once.</summary>
    public int QueueLimit { get; set; } = 1024;

    /// <summary>The Retry-After of a shed request.</summary>
    public int RetryAfterSeconds { get; set; } = 1;
}
