namespace EventAgents.Application.Agents.Runs;

/// <summary>An Idempotency-Key of the request that creates a run, with the hash of that request.</summary>
public sealed record IdempotencyKey(string ClientId, string Route, string Key, byte[] RequestHash);
