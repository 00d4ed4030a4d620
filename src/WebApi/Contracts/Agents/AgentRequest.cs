using EventAgents.Application.Agents;

namespace EventAgents.WebApi.Contracts.Agents;

/// <summary>An agent's definition, for create and replace. Omitted limits take their documented defaults.</summary>
public sealed record AgentRequest : AgentDefinition;
