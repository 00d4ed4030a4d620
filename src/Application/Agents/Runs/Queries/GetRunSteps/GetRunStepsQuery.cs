using Mediator;

namespace EventAgents.Application.Agents.Runs.Queries.GetRunSteps;

public sealed record GetRunStepsQuery(Guid RunId) : IQuery<RunStepsDto>;

/// <summary>A run's steps in order.</summary>
public sealed record RunStepsDto(Guid RunId, IReadOnlyList<RunStepDto> Items);
