using EventAgents.Application.Common.Json;

namespace EventAgents.Application.Agents.Runs;

/// <summary>One call a paused run waits on.</summary>
/// <param name="Id">The model's id for the call: name it in the output or decision you post.</param>
/// <param name="Tool">The tool's name.</param>
/// <param name="ToolKind"><c>builtin</c>, <c>http</c> or <c>client</c>.</param>
/// <param name="Arguments">The arguments the model sent (already checked against the tool's schema).</param>
/// <param name="Needs"><c>output</c> (a client tool: post what it returned) or <c>approval</c> (approve or reject it).</param>
/// <param name="Answered">Whether it has its output or decision.</param>
public sealed record PendingCallDto(string Id, string Tool, string ToolKind, RawJson Arguments, string Needs, bool Answered);
