namespace EventAgents.Application.Agents.Runs;

/// <summary>Who approved or rejected a tool call that needed approval, when, and why (a rejection's reason is told to the model).</summary>
public sealed record StepApproval(bool Approved, string By, string? Reason, DateTimeOffset At);
