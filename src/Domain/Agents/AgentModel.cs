namespace EventAgents.Domain.Agents;

/// <summary>The model an agent uses: a provider, and optionally a model name and sampling settings.</summary>
public sealed record AgentModel(string Provider, string? Name, double? Temperature, int? MaxOutputTokens);
