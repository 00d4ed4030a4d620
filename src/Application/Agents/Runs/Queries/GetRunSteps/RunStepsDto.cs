namespace EventAgents.Application.Agents.Runs.Queries.GetRunSteps;

/// <summary>A run's steps in order.</summary>
public sealed record RunStepsDto(Guid RunId, IReadOnlyList<RunStepDto> Items);
