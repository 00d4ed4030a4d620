namespace EventAgents.Domain.Common;

/// <summary>The HTTP preconditions of a write to a versioned resource (documents, agents): <c>If-Match</c> (a version, or * = must exist) and <c>If-None-Match: *</c>.</summary>
public sealed record Preconditions(long? IfMatchVersion, bool IfMatchAny, bool IfNoneMatchAny)
{
    public static readonly Preconditions None = new(null, false, false);

    /// <summary>Whether a write may go ahead on a document that is at <paramref name="currentVersion"/> (null: absent or deleted).</summary>
    public bool HoldFor(long? currentVersion) =>
        (IfMatchVersion is null || IfMatchVersion == currentVersion)
        && (!IfMatchAny || currentVersion is not null)
        && (!IfNoneMatchAny || currentVersion is null);
}
