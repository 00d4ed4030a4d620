namespace EventAgents.Domain.Schemas;

/// <summary>The wire names of the modes (snake_case, as Confluent spells them in lower case) and what each mode compares.</summary>
public static class SchemaModes
{
    public static readonly IReadOnlyList<string> CompatibilityNames =
        ["none", "backward", "backward_transitive", "forward", "forward_transitive", "full", "full_transitive"];

    public static readonly IReadOnlyList<string> EnforcementNames = ["off", "warn", "enforce"];

    public static string NameOf(CompatibilityMode mode) => CompatibilityNames[(int)mode];

    public static string NameOf(EnforcementMode mode) => EnforcementNames[(int)mode];

    public static CompatibilityMode? ParseCompatibility(string? name) =>
        IndexOf(CompatibilityNames, name) is { } index ? (CompatibilityMode)index : null;

    public static EnforcementMode? ParseEnforcement(string? name) =>
        IndexOf(EnforcementNames, name) is { } index ? (EnforcementMode)index : null;

    /// <summary>New readers must read old data.</summary>
    public static bool ChecksBackward(this CompatibilityMode mode) =>
        mode is CompatibilityMode.Backward or CompatibilityMode.BackwardTransitive or CompatibilityMode.Full or CompatibilityMode.FullTransitive;

    /// <summary>Old readers must read new data.</summary>
    public static bool ChecksForward(this CompatibilityMode mode) =>
        mode is CompatibilityMode.Forward or CompatibilityMode.ForwardTransitive or CompatibilityMode.Full or CompatibilityMode.FullTransitive;

    /// <summary>Against every earlier version, not only the latest.</summary>
    public static bool IsTransitive(this CompatibilityMode mode) =>
        mode is CompatibilityMode.BackwardTransitive or CompatibilityMode.ForwardTransitive or CompatibilityMode.FullTransitive;

    private static int? IndexOf(IReadOnlyList<string> names, string? name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return null;
    }
}
