using Mediator;

namespace EventAgents.Application.Agents.Runs.Queries.GetRunSteps;

public sealed record GetRunStepsQuery(Guid RunId) : IQuery<RunStepsDto>;
