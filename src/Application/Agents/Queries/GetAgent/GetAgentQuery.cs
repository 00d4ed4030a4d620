using Mediator;

namespace EventAgents.Application.Agents.Queries.GetAgent;

public sealed record GetAgentQuery(Guid AgentId) : IQuery<AgentDto>;
