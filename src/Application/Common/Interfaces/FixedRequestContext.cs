namespace EventAgents.Application.Common.Interfaces;

/// <summary>The request context of a background execution: a fixed correlation id.</summary>
public sealed record FixedRequestContext(string CorrelationId) : IRequestContext;
