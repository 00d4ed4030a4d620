namespace EventAgents.Domain.Schemas;

/// <summary>What a write of the subject's data meets: nothing (off), a warning and a metric (warn), or a 422 (enforce).</summary>
public enum EnforcementMode
{
    Off,
    Warn,
    Enforce,
}
