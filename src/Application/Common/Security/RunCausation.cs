namespace EventAgents.Application.Common.Security;

/// <summary>The run whose tools wrote an event; stored in the event's metadata as <c>causation</c>.</summary>
public sealed record RunCausation(Guid RunId, Guid AgentId, int Depth);
