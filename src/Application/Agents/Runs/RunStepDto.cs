using System.Text.Json.Serialization;
using EventAgents.Application.Common.Json;

namespace EventAgents.Application.Agents.Runs;

/// <summary>One step of a run, by <c>kind</c>: a model call or a tool call.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ModelCallStepDto), RunStepKinds.ModelCall)]
[JsonDerivedType(typeof(ToolCallStepDto), RunStepKinds.ToolCall)]
public abstract record RunStepDto(int Seq, int Attempt, string Status, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, int DurationMs);

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

/// <summary>One call of a tool the model asked for.</summary>
/// <param name="Tool">The tool's API name, e.g. <c>documents.read</c> (for a tool the service does not know: the name the model sent).</param>
/// <param name="ToolCallId">The model's id for the call, matching one of the model call's <c>toolCalls</c>.</param>
/// <param name="Arguments">The arguments the model sent.</param>
/// <param name="Result">What the tool returned (status <c>succeeded</c>), up to 16 KiB.</param>
/// <param name="Error">Why the call failed or was refused (status <c>failed</c>).</param>
public sealed record ToolCallStepDto(
    int Seq, int Attempt, string Status, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, int DurationMs,
    string Tool, string? ToolCallId, RawJson Arguments, RawJson? Result, StepError? Error)
    : RunStepDto(Seq, Attempt, Status, StartedAt, FinishedAt, DurationMs);

/// <summary>A tool call the model asked for.</summary>
/// <param name="Id">The model's call id.</param>
/// <param name="Name">The tool's API name, e.g. <c>documents.read</c>.</param>
public sealed record StepToolCall(string? Id, string Name);

/// <summary>Why a step failed.</summary>
/// <param name="Code">For tool calls: <c>not-found</c>, <c>invalid-arguments</c>, <c>conflict</c>, <c>not-allowed</c>, <c>failed</c>,
/// <c>tool-not-granted</c> (a tool of the service the run may not use), <c>unknown-tool</c>; for model calls a run error code.</param>
/// <param name="Message">A short, safe description, when there is one.</param>
public sealed record StepError(string Code, string? Message = null);

public static class RunStepKinds
{
    public const string ModelCall = "model_call";
    public const string ToolCall = "tool_call";
}

/// <summary>The <c>error.code</c> of a failed tool call (the model is told the same code, except for refused calls).</summary>
public static class ToolErrorCodes
{
    public const string NotFound = "not-found";
    public const string InvalidArguments = "invalid-arguments";
    public const string Conflict = "conflict";
    public const string NotAllowed = "not-allowed";
    public const string Failed = "failed";
    public const string NotGranted = "tool-not-granted";
    public const string Unknown = "unknown-tool";

    public static readonly IReadOnlyList<string> All = [NotFound, InvalidArguments, Conflict, NotAllowed, Failed, NotGranted, Unknown];
}
