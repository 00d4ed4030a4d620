namespace EventAgents.Application.Agents.Runs;

/// <summary>Approves or rejects one call that waits for approval; a rejection's reason (up to 1,000 characters) is told to the model.</summary>
public sealed record ToolCallDecision(string? CallId, bool? Approve, string? Reason);
