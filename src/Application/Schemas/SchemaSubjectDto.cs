namespace EventAgents.Application.Schemas;

/// <summary>A schema subject: its modes and its versions.</summary>
/// <param name="Subject"><c>events/{eventType}</c> or <c>collections/{collection}</c>.</param>
/// <param name="Compatibility">none, backward, backward_transitive, forward, forward_transitive, full or full_transitive.</param>
/// <param name="Enforcement">off, warn or enforce.</param>
/// <param name="LatestVersion">The version writes are checked against unless they name one; null before the first.</param>
/// <param name="Versions">Its version numbers, oldest first.</param>
public sealed record SchemaSubjectDto(
    string Subject, string Kind, string Name, string Compatibility, string Enforcement, int? LatestVersion, IReadOnlyList<int> Versions,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
