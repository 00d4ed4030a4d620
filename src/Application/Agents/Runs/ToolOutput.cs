using System.Text.Json;

namespace EventAgents.Application.Agents.Runs;

/// <summary>The output of one client tool call: any JSON value, given to the model as the call's result.</summary>
public sealed record ToolOutput(string? CallId, JsonElement? Output);
