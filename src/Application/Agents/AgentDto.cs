using EventAgents.Domain.Agents;

namespace EventAgents.Application.Agents;

/// <summary>An agent as the API shows it.</summary>
public sealed record AgentDto(
    Guid Id,
    string Name,
    string? Description,
    string Instructions,
    AgentModel Model,
    IReadOnlyList<string> Tools,
    IReadOnlyList<AgentTrigger> Triggers,
    int TimeoutSeconds,
    int MaxAttempts,
    int MaxSteps,
    int MaxConcurrentRuns,
    bool Enabled,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static AgentDto From(Agent agent)
    {
        var s = agent.Settings;
        return new AgentDto(
            agent.Id, s.Name, s.Description, s.Instructions, s.Model, s.Tools, s.Triggers, s.TimeoutSeconds, s.MaxAttempts,
            s.MaxSteps, s.MaxConcurrentRuns, s.Enabled, agent.Version, agent.CreatedAt, agent.UpdatedAt);
    }
}
