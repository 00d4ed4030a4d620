namespace EventAgents.Infrastructure.Tenants.Offboarding;

/// <summary>The eraser of offboarded tenants (section <c>Offboarding</c>).</summary>
public sealed class OffboardingOptions
{
    public const string SectionName = "Offboarding";

    /// <summary>Seconds between ticks; 0 turns the eraser off on this instance.</summary>
    public double PollSeconds { get; set; } = 5;

    /// <summary>Rows deleted per statement (each its own transaction).</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>Batches per tenant per tick, so one large tenant does not hold the eraser.</summary>
    public int BatchesPerTick { get; set; } = 50;

    /// <summary>
    /// How long after the offboarding the eraser keeps looking for late writes before it calls the tenant erased: at least
    /// <c>Auth:ClientStatusCacheSeconds</c> (tokens may be accepted that long on other instances) plus a margin.
    /// </summary>
    public double GraceSeconds { get; set; } = 60;
}
