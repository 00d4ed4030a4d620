using EventAgents.Application.Common.Paging;
using Mediator;

namespace EventAgents.Application.Agents.Runs.Queries.ListRuns;

public sealed record ListRunsQuery(Guid? AgentId, string? Status, int Limit, string? Cursor) : IPagedQuery, IQuery<Page<RunDto>>;
