namespace EventAgents.Domain.Schemas;

/// <summary>
/// Which earlier versions a new version must be compatible with, and how (Confluent Schema Registry's meanings):
/// backward — readers using the new version can read data written with the earlier one(s); forward — readers using the
/// earlier version(s) can read data written with the new one; full — both. Plain modes compare with the latest version,
/// <c>_transitive</c> ones with every version.
/// </summary>
public enum CompatibilityMode
{
    None,
    Backward,
    BackwardTransitive,
    Forward,
    ForwardTransitive,
    Full,
    FullTransitive,
}
