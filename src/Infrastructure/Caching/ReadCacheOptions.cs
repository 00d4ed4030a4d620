namespace EventAgents.Infrastructure.Caching;

/// <summary>Configuration section <c>ReadCache</c>: cached document reads and stream pages.</summary>
public sealed class ReadCacheOptions
{
    public const string SectionName = "ReadCache";

    /// <summary>How long an entry may be served when no change notification arrives; 0 turns the cache off.</summary>
    public double Seconds { get; set; } = 5;

    /// <summary>The most the cache holds, in bytes (approximate: what its strings and objects take in memory).</summary>
    public long MaxBytes { get; set; } = 48L * 1024 * 1024;
}
