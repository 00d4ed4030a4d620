using Mediator;

namespace EventAgents.Application.Agents.Runs.Queries.GetRun;

public sealed record GetRunQuery(Guid RunId) : IQuery<RunDto>;
