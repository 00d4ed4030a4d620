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

    /// <summary>Token requests per minute from one IP address (brute-force guard), refilled evenly over the minute.</summary>
    public int TokenPermitsPerMinute { get; set; } = 30;

    /// <summary>Token requests one IP address may send at once; 0: <see cref="TokenPermitsPerMinute"/>, a whole minute's worth.</summary>
    public int TokenBurst { get; set; }

    /// <summary>Failed token requests (<c>invalid_client</c>) per minute for one <c>client_id</c>; beyond it that id gets 429s.</summary>
    public int TokenFailuresPerClientPerMinute { get; set; } = 10;

    public int EffectiveTokenBurst => TokenBurst > 0 ? TokenBurst : TokenPermitsPerMinute;
}
