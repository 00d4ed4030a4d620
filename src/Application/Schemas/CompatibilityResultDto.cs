using EventAgents.Domain.Schemas;

namespace EventAgents.Application.Schemas;

/// <summary>Whether a candidate schema could be registered as the subject's next version, and if not, why.</summary>
/// <param name="ComparedVersions">The versions the subject's mode compared it with (the latest, or all for a transitive mode).</param>
public sealed record CompatibilityResultDto(
    bool Compatible, string Compatibility, IReadOnlyList<int> ComparedVersions, IReadOnlyList<SchemaIncompatibility> Incompatibilities);
