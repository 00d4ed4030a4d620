namespace EventAgents.Domain.Agents;

/// <summary>What a partner defines about an agent; validated in the Application layer before it gets here.</summary>
public sealed record AgentSettings(
    string Name,
    string? Description,
    string Instructions,
    AgentModel Model,
    IReadOnlyList<string> Tools,
    IReadOnlyList<AgentTrigger> Triggers,
    int TimeoutSeconds,
    int MaxAttempts,
    int MaxSteps,
    int MaxConcurrentRuns,
    bool Enabled);

/// <summary>The model an agent uses: a provider, and optionally a model name and sampling settings.</summary>
public sealed record AgentModel(string Provider, string? Name, double? Temperature, int? MaxOutputTokens);

/// <summary>Wakes the agent for every appended event of this type, optionally only on streams starting with a prefix.</summary>
public sealed record AgentTrigger(string EventType, string? StreamPrefix);
