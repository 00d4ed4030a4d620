namespace EventAgents.WebApi.Infrastructure.Correlation;

/// <summary>
/// Accepts a well-formed X-Correlation-ID or makes a new one, returns it on every response and pushes it
/// into every log line of the request (<see cref="CorrelationIdEnricher"/>). A malformed id is replaced, never echoed (header injection, log forging).
/// </summary>
public sealed class CorrelationIdMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var supplied = context.Request.Headers[CorrelationId.HeaderName];
        var id = supplied.Count == 1 && CorrelationId.IsValid(supplied[0]) ? supplied[0]! : CorrelationId.NewId();

        // TraceIdentifier is what ASP.NET Core's own diagnostics use; keeping the id there makes it the single source.
        context.TraceIdentifier = id;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[CorrelationId.HeaderName] = id;
            return Task.CompletedTask;
        });

        context.Features.Set(new CorrelationIdFeature(id));
        return next(context);
    }
}
