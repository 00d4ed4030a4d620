namespace EventAgents.Domain.Agents;

/// <summary>Wakes the agent for every appended event of this type, optionally only on streams starting with a prefix.</summary>
public sealed record AgentTrigger(string EventType, string? StreamPrefix);
