namespace EventAgents.Domain.Common;

/// <summary>A request that is well-formed but breaks a business rule (mapped to 422).</summary>
public sealed class DomainRuleException(string message) : Exception(message);
