using EventAgents.Application.Common.Json;

namespace EventAgents.Application.Agents.Runs;

/// <summary>
/// One step of a run: a model call (<c>detail</c>: messagesSent, responseText, finishReason, usage) or a tool call
/// (<c>detail</c>: tool, toolCallId, arguments, and result or error).
/// </summary>
public sealed record RunStepDto(
    int Seq, int Attempt, string Kind, string Status, RawJson Detail, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, int DurationMs);
