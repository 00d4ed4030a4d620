using EventAgents.Application.Common.Interfaces;

namespace EventAgents.WebApi.Infrastructure.Correlation;

internal sealed class HttpRequestContext(IHttpContextAccessor accessor) : IRequestContext
{
    public string CorrelationId => accessor.HttpContext is { } http ? Correlation.CorrelationId.Of(http) : string.Empty;
}
