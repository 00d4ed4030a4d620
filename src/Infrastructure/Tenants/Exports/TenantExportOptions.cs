namespace EventAgents.Infrastructure.Tenants.Exports;

/// <summary>Tenant exports (section <c>Exports</c>).</summary>
public sealed class TenantExportOptions
{
    public const string SectionName = "Exports";

    /// <summary>Seconds between looks for a queued export; 0 turns the worker off on this instance.</summary>
    public double PollSeconds { get; set; } = 2;

    /// <summary>How long an instance owns a running export without writing to it; after that another instance restarts it.</summary>
    public double LeaseSeconds { get; set; } = 120;

    /// <summary>Bytes per stored chunk of content (any instance serves any byte range from them).</summary>
    public int ChunkBytes { get; set; } = 1024 * 1024;

    /// <summary>Attempts before an export is marked failed.</summary>
    public int MaxAttempts { get; set; } = 3;
}
