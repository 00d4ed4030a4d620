using System.Text.Json;
using EventAgents.Domain.Common;

namespace EventAgents.Domain.Schemas;

/// <summary>
/// What registering a candidate under a subject does: nothing new when the subject already has it (the existing version
/// is the answer, as Confluent's registry does), a refusal listing every incompatibility, or the next version number.
/// </summary>
public sealed record SchemaRegistration(int? ExistingVersion, int? NextVersion, IReadOnlyList<SchemaIncompatibility> Incompatibilities)
{
    public bool IsRefused => Incompatibilities.Count > 0;

    /// <param name="versions">The subject's live versions, oldest first (none after it was deleted).</param>
    /// <param name="lastVersion">The highest version number the subject ever had: numbers are never reused, not even after a delete.</param>
    /// <param name="candidate">The schema to register.</param>
    /// <param name="mode">The subject's compatibility mode.</param>
    public static SchemaRegistration Decide(
        IReadOnlyList<(int Version, JsonElement Schema)> versions, int lastVersion, JsonElement candidate, CompatibilityMode mode)
    {
        foreach (var (version, schema) in versions)
        {
            if (JsonElement.DeepEquals(schema, candidate))
            {
                return new SchemaRegistration(version, null, []);
            }
        }

        if (lastVersion >= SchemaRules.MaxVersionsPerSubject)
        {
            throw new DomainRuleException($"A subject has at most {SchemaRules.MaxVersionsPerSubject} versions.");
        }

        var incompatibilities = SchemaCompatibility.Check(versions, candidate, mode);
        return incompatibilities.Count > 0
            ? new SchemaRegistration(null, null, incompatibilities)
            : new SchemaRegistration(null, lastVersion + 1, []);
    }
}
