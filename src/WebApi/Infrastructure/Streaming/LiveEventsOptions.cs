namespace EventAgents.WebApi.Infrastructure.Streaming;

/// <summary>Live (SSE) streams, from the environment (<c>Events__…</c>).</summary>
public sealed class LiveEventsOptions
{
    public const string SectionName = "Events";

    /// <summary>A comment frame after this many seconds without an event, so proxies keep the connection.</summary>
    public double HeartbeatSeconds { get; set; } = 15;

    /// <summary>How often a live stream reads the log when no notification woke it (a lost notification only delays).</summary>
    public double LiveFallbackPollSeconds { get; set; } = 5;

    /// <summary>Live connections one client may hold on one instance; more are a 429.</summary>
    public int MaxLiveConnectionsPerClient { get; set; } = 5;
}
