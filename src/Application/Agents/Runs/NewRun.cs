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

/// <summary>An Idempotency-Key of the request that creates a run, with the hash of that request.</summary>
public sealed record IdempotencyKey(string ClientId, string Route, string Key, byte[] RequestHash);

/// <summary>The run, and whether it was created by an earlier request with the same Idempotency-Key.</summary>
public sealed record StartedRun(RunDto Run, bool Replayed);
