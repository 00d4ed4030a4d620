namespace EventAgents.Infrastructure.Caching;

/// <summary>Configuration section <c>ReadCache</c>: cached document reads, collection queries, stream pages and blocks of the global log.</summary>
public sealed class ReadCacheOptions
{
    public const string SectionName = "ReadCache";

    /// <summary>
    /// How long an entry may be served when no change notification arrives; 0 turns the cache off. Freshness comes from the
    /// floors and notifications, so this only bounds a notification lost on a live listening connection; a short lifetime
    /// sent a quarter of the benchmark's uniform document reads back to PostgreSQL (docs/performance.md).
    /// </summary>
    public double Seconds { get; set; } = 30;

    /// <summary>
    /// The most documents, query results and stream pages may hold, in bytes (approximate: what their payloads, strings and
    /// objects take in memory).
    /// </summary>
    public long MaxBytes { get; set; } = 48L * 1024 * 1024;

    /// <summary>The most the blocks of the global log may hold, in bytes; kept apart so that a log reader never evicts documents.</summary>
    public long MaxLogBytes { get; set; } = 16L * 1024 * 1024;
}
