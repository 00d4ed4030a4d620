namespace EventAgents.Application.Common.Interfaces;

/// <summary>Facts about the request being served that are not about the caller's identity.</summary>
public interface IRequestContext
{
    /// <summary>The request's correlation id (X-Correlation-ID).</summary>
    string CorrelationId { get; }
}
