namespace EventAgents.Domain.Schemas;

/// <summary>The registry's limits.</summary>
public static class SchemaRules
{
    /// <summary>A schema's JSON text, at most.</summary>
    public const int MaxSchemaChars = 64 * 1024;

    public const int MaxVersionsPerSubject = 1000;

    public const int MaxSubjectsPerTenant = 1000;

    /// <summary>Validation errors reported for one request, at most (a 422 lists them all up to this).</summary>
    public const int MaxReportedErrors = 50;

    public const CompatibilityMode DefaultCompatibility = CompatibilityMode.Backward;

    public const EnforcementMode DefaultEnforcement = EnforcementMode.Enforce;
}
