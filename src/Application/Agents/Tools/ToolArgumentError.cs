namespace EventAgents.Application.Agents.Tools;

/// <summary>One way a call's arguments fail the tool's schema: where (a JSON pointer into the arguments) and why.</summary>
public sealed record ToolArgumentError(string Path, string Message);
