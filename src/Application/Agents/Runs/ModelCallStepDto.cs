namespace EventAgents.Application.Agents.Runs;

/// <summary>One round trip to the model.</summary>
/// <param name="Model">The model that answered, as it named itself; null when the call failed.</param>
/// <param name="Usage">Tokens of this call.</param>
/// <param name="ToolCalls">The tools the model asked for in this answer, by call id and API name (e.g. <c>documents.read</c>).</param>
/// <param name="FinishReason"><c>stop</c>, <c>tool_calls</c>, <c>length</c>, <c>content_filter</c>; null when the call failed.</param>
/// <param name="ResponseText">The answer's text, up to 8 KiB.</param>
/// <param name="Truncated">True when <c>responseText</c> was cut at 8 KiB.</param>
/// <param name="MessagesSent">How many messages went to the model.</param>
/// <param name="Error">Why the call failed (status <c>failed</c>).</param>
public sealed record ModelCallStepDto(
    int Seq, int Attempt, string Status, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, int DurationMs,
    string? Model, RunUsage Usage, IReadOnlyList<StepToolCall> ToolCalls, string? FinishReason, string? ResponseText, bool Truncated,
    int MessagesSent, StepError? Error)
    : RunStepDto(Seq, Attempt, Status, StartedAt, FinishedAt, DurationMs);
