namespace EventAgents.Application.Agents.Runs;

/// <summary>A tool call the model asked for.</summary>
/// <param name="Id">The model's call id.</param>
/// <param name="Name">The tool's API name, e.g. <c>documents.read</c>.</param>
public sealed record StepToolCall(string? Id, string Name);
