using Serilog.Core;
using Serilog.Events;

namespace EventAgents.WebApi.Infrastructure.Correlation;

/// <summary>
/// Adds the request's correlation id to every log line written while the request runs. Read from the request (through
/// <see cref="IHttpContextAccessor"/>) rather than pushed into Serilog's LogContext, which cost an async-local write and an
/// allocation per request; the property is built once per request.
/// </summary>
internal sealed class CorrelationIdEnricher(IHttpContextAccessor accessor) : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (accessor.HttpContext?.Features.Get<CorrelationIdFeature>() is { } feature)
        {
            logEvent.AddPropertyIfAbsent(feature.Property ??= propertyFactory.CreateProperty(CorrelationId.LogProperty, feature.Id));
        }
    }
}

/// <summary>The correlation id of a request, as <see cref="CorrelationIdMiddleware"/> chose it.</summary>
internal sealed class CorrelationIdFeature(string id)
{
    public string Id { get; } = id;

    public LogEventProperty? Property { get; set; }
}
