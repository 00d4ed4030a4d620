namespace EventAgents.Infrastructure.Events.Scavenging;

/// <summary>The scavenger's pace (section <c>Scavenger</c>): bounded work per tick, so it never competes with the API.</summary>
public sealed class ScavengerOptions
{
    public const string SectionName = "Scavenger";

    /// <summary>Seconds between ticks; 0 turns the scavenger off on this instance.</summary>
    public double IntervalSeconds { get; set; } = 30;

    /// <summary>Streams visited per tick, least recently visited first.</summary>
    public int StreamsPerTick { get; set; } = 100;

    /// <summary>Events removed from one stream per transaction (the tenant's appends wait for it).</summary>
    public int BatchSize { get; set; } = 500;
}
