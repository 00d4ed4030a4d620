using EventAgents.Application.Common.Json;

namespace EventAgents.Application.Agents.Runs;

/// <summary>One call of a tool the model asked for.</summary>
/// <param name="Tool">The tool's API name, e.g. <c>documents.read</c> (for a tool the service does not know: the name the model sent).</param>
/// <param name="ToolKind"><c>builtin</c> (the service's own tools, and calls of tools the run does not have) or the kind of the agent's custom tool (<c>http</c>).</param>
/// <param name="ToolCallId">The model's id for the call, matching one of the model call's <c>toolCalls</c>.</param>
/// <param name="Arguments">The arguments the model sent.</param>
/// <param name="Result">What the tool returned (status <c>succeeded</c>), up to 16 KiB.</param>
/// <param name="Error">Why the call failed or was refused (status <c>failed</c>).</param>
/// <param name="Approval">For a call that needed approval: the decision, by whom.</param>
/// <param name="AnsweredBy">For a client tool: the client that posted its output.</param>
public sealed record ToolCallStepDto(
    int Seq, int Attempt, string Status, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, int DurationMs,
    string Tool, string ToolKind, string? ToolCallId, RawJson Arguments, RawJson? Result, StepError? Error,
    StepApproval? Approval, string? AnsweredBy)
    : RunStepDto(Seq, Attempt, Status, StartedAt, FinishedAt, DurationMs);
