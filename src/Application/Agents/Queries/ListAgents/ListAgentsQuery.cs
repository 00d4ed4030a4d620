using EventAgents.Application.Common.Paging;
using Mediator;

namespace EventAgents.Application.Agents.Queries.ListAgents;

public sealed record ListAgentsQuery(int Limit, string? Cursor) : IPagedQuery, IQuery<Page<AgentDto>>;
