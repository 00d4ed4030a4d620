namespace EventAgents.Application.Agents.Runs;

/// <summary>Why a step failed.</summary>
/// <param name="Code">For tool calls: <c>not-found</c>, <c>invalid-arguments</c>, <c>conflict</c>, <c>not-allowed</c>, <c>failed</c>,
/// <c>tool-not-granted</c> (a tool the run may not use), <c>unknown-tool</c>, and for http tools <c>http-error</c>,
/// <c>timed-out</c>, <c>unreachable</c>, <c>response-too-large</c>, <c>no-tool-secret</c>; for calls that needed approval
/// <c>rejected</c> or <c>interrupted</c>; for model calls a run error code.</param>
/// <param name="Message">A short, safe description, when there is one.</param>
public sealed record StepError(string Code, string? Message = null);
