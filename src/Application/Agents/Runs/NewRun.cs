using EventAgents.Domain.Agents;

namespace EventAgents.Application.Agents.Runs;

/// <summary>A run to queue for an agent, started by an API call.</summary>
public sealed record NewRun(
    Guid RunId,
    Guid TenantId,
    Agent Agent,
    IReadOnlyList<string> EffectiveScopes,
    string InputJson,
    string TriggerJson,
    DateTimeOffset Now);
