namespace EventAgents.Domain.Events;

/// <summary>
/// The optimistic-concurrency condition of an append: absent = any version, 0 = the stream must not exist,
/// N ≥ 1 = the stream must be exactly at version N.
/// </summary>
public readonly record struct ExpectedVersion
{
    private ExpectedVersion(long? value) => Value = value;

    public static ExpectedVersion Any { get; } = new(null);

    public static ExpectedVersion NoStream { get; } = new(0);

    /// <summary>The required version, or null for <see cref="Any"/>.</summary>
    public long? Value { get; }

    public static ExpectedVersion Exactly(long version) =>
        version >= 0 ? new ExpectedVersion(version) : throw new ArgumentOutOfRangeException(nameof(version), "A version is never negative.");

    public static ExpectedVersion From(long? version) => version is null ? Any : Exactly(version.Value);

    /// <summary>The append decision: may a batch be appended to a stream currently at <paramref name="currentVersion"/>?</summary>
    public bool IsSatisfiedBy(long currentVersion) => Value is null || Value == currentVersion;
}
