namespace EventAgents.Application.Agents;

/// <summary>The agent's new tool secret (<c>whsec_…</c>), shown this once; it signs the agent's http tool calls from now on.</summary>
public sealed record ToolSecretDto(string Secret);
