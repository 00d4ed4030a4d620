using EventAgents.Application.Common.Paging;
using EventAgents.Application.Common.Security;
using FluentValidation;
using Mediator;

namespace EventAgents.Application.Agents.Queries.ListAgents;

public sealed record ListAgentsQuery(int Limit, string? Cursor) : IQuery<Page<AgentDto>>;
