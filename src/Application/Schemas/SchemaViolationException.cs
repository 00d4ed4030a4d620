namespace EventAgents.Application.Schemas;

/// <summary>A write in an enforced subject fails its schema (422): nothing of the request was stored.</summary>
public sealed class SchemaViolationException(IReadOnlyList<SchemaViolation> violations)
    : Exception($"{violations.Count} value(s) do not match their schema.")
{
    public IReadOnlyList<SchemaViolation> Violations { get; } = violations;
}
