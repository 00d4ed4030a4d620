namespace EventAgents.WebApi.Infrastructure.Security;

/// <summary>Configuration section <c>RateLimit</c>: token buckets per client (authenticated) or per IP (anonymous).</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimit";

    public bool Enabled { get; set; } = true;

    /// <summary>Requests per second a client may sustain.</summary>
    public int PermitsPerSecond { get; set; } = 200;

    /// <summary>Requests a client may send at once before the rate applies.</summary>
    public int Burst { get; set; } = 400;

    public int AnonymousPermitsPerSecond { get; set; } = 20;

    public int AnonymousBurst { get; set; } = 40;

    /// <summary>Token requests per minute from one IP address (brute-force guard).</summary>
    public int TokenPermitsPerMinute { get; set; } = 30;

    public int TokenBurst { get; set; } = 10;
}
