namespace EventAgents.Domain.Agents;

/// <summary>Bounds and defaults of an agent's settings.</summary>
public static class AgentLimits
{
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 1000;
    public const int MaxInstructionsLength = 32_000;
    public const int MaxModelNameLength = 200;
    public const int MaxTriggers = 25;

    public const int DefaultTimeoutSeconds = 120;
    public const int MinTimeoutSeconds = 1;
    public const int MaxTimeoutSeconds = 900;

    public const int DefaultMaxAttempts = 3;
    public const int MaxMaxAttempts = 10;

    public const int DefaultMaxSteps = 16;
    public const int MaxMaxSteps = 64;

    public const int DefaultMaxConcurrentRuns = 4;

    public const int DefaultActionTimeoutSeconds = 3600;
    public const int MaxActionTimeoutSeconds = 7 * 24 * 3600;
    public const int MaxMaxConcurrentRuns = 100;
}
