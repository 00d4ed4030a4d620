using EventAgents.Application.Common.Exceptions;
using EventAgents.Domain.Schemas;

namespace EventAgents.Application.Schemas;

/// <summary>A candidate schema breaks the subject's compatibility mode (409 listing every incompatibility).</summary>
public sealed class IncompatibleSchemaException(string subject, string compatibility, IReadOnlyList<SchemaIncompatibility> incompatibilities)
    : ConflictException(
        "incompatible-schema", "Incompatible schema",
        $"The schema is not {compatibility} compatible with {subject}: {incompatibilities.Count} incompatibilit{(incompatibilities.Count == 1 ? "y" : "ies")}.")
{
    public override IReadOnlyDictionary<string, object?> Extensions => new Dictionary<string, object?>
    {
        ["compatibility"] = compatibility,
        ["incompatibilities"] = incompatibilities,
    };
}
