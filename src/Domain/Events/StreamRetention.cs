namespace EventAgents.Domain.Events;

/// <summary>
/// A stream's retention metadata, as KurrentDB's <c>$maxAge</c>, <c>$maxCount</c> and <c>$tb</c>: events older than
/// <see cref="MaxAge"/>, all but the last <see cref="MaxCount"/>, and those below version <see cref="TruncateBefore"/> stop
/// being readable at once and are removed from storage by the scavenger. Null means no limit.
/// </summary>
public sealed record StreamRetention(TimeSpan? MaxAge, long? MaxCount, long? TruncateBefore)
{
    public const string MetadataSetEventType = "eventagents.stream.metadata-set";

    public static readonly TimeSpan MinAge = TimeSpan.FromSeconds(1);

    /// <summary>About a hundred years: longer is no limit at all.</summary>
    public static readonly TimeSpan MaxAgeLimit = TimeSpan.FromDays(36_500);

    public static readonly StreamRetention None = new(null, null, null);

    public bool HasLimits => MaxAge is not null || MaxCount is not null || TruncateBefore is not null;

    /// <summary>
    /// The first version readable in a stream at <paramref name="version"/> (events older than <see cref="MaxAge"/> are hidden
    /// as well). A soft delete sets <see cref="TruncateBefore"/> too. The read SQL and the scavenger apply the same rule.
    /// </summary>
    public long FirstRetainedVersion(long version) =>
        Math.Max(TruncateBefore ?? 0, MaxCount is { } count ? version - count + 1 : 0);

    /// <summary>
    /// What a <c>PUT …/metadata</c> leaves in force: truncation only moves forward (what it hid may be scavenged already, and
    /// a soft delete's truncation must not be undone by it); the age and count limits are replaced as sent.
    /// </summary>
    public StreamRetention Replacing(StreamRetention current) =>
        this with { TruncateBefore = Math.Max(TruncateBefore ?? 0, current.TruncateBefore ?? 0) is var tb && tb > 0 ? tb : null };

    public bool IsRetained(DateTimeOffset createdAt, DateTimeOffset now) => MaxAge is not { } age || createdAt >= now - age;
}
