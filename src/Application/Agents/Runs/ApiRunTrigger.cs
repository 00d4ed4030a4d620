namespace EventAgents.Application.Agents.Runs;

/// <summary>Started by <c>POST /api/v1/agents/{agentId}/runs</c>.</summary>
/// <param name="ClientId">The client that started it.</param>
public sealed record ApiRunTrigger(string ClientId) : RunTrigger
{
    public const string Kind = "api";
}
