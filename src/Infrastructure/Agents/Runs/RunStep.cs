namespace EventAgents.Infrastructure.Agents.Runs;

/// <summary>A step to record: a model call or a tool call, with its kind-specific detail and tokens spent.</summary>
internal sealed record RunStep(string Kind, string Status, string DetailJson, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, long InputTokens, long OutputTokens);
