using System.Diagnostics;
using EventAgents.WebApi.Infrastructure.Admission;
using Microsoft.AspNetCore.Diagnostics;
using Serilog.Events;
using Serilog.Parsing;
using ILogger = Serilog.ILogger;

namespace EventAgents.WebApi.Infrastructure.Logging;

/// <summary>
/// One completion line per request: method, route template, path, status and elapsed milliseconds (plus the correlation id,
/// from its enricher). The event is built directly from a template parsed once, with no per-request diagnostic context
/// (Serilog's request-logging middleware kept one in an async-local and merged it into a list of properties).
/// </summary>
internal sealed class RequestLogMiddleware(RequestDelegate next, ILogger logger)
{
    public const string MessageTemplateText = "HTTP {RequestMethod} {RouteTemplate} responded {StatusCode} in {Elapsed:0.0} ms";

    private const string Unmatched = "(unmatched)";

    private static readonly MessageTemplate Template = new MessageTemplateParser().Parse(MessageTemplateText);

    private readonly ILogger _logger = logger.ForContext<RequestLogMiddleware>();

    public Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var pending = next(context);
        if (pending.IsCompletedSuccessfully)
        {
            Write(context, started, exception: null);
            return Task.CompletedTask;
        }

        return AwaitAsync(pending, context, started);
    }

    private async Task AwaitAsync(Task pending, HttpContext context, long started)
    {
        try
        {
            await pending;
        }
        catch (Exception exception)
        {
            Write(context, started, exception);
            throw;
        }

        Write(context, started, exception: null);
    }

    private void Write(HttpContext context, long started, Exception? exception)
    {
        var status = context.Response.StatusCode;
        var level = LevelOf(context, status, exception);
        if (!_logger.IsEnabled(level))
        {
            return;
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var activity = Activity.Current;
        _logger.Write(new LogEvent(
            DateTimeOffset.UtcNow,
            level,
            exception,
            Template,
            [
                new LogEventProperty("RequestMethod", new ScalarValue(context.Request.Method)),
                new LogEventProperty("RouteTemplate", new ScalarValue(RouteOf(context))),
                new LogEventProperty("RequestPath", new ScalarValue(context.Request.Path.Value)),
                new LogEventProperty("StatusCode", new ScalarValue(status)),
                new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
            ],
            activity?.TraceId ?? default,
            activity?.SpanId ?? default));
    }

    /// <summary>
    /// A 503 is the service protecting itself: a database away is worth a warning, not an error per request; a shed request
    /// is not logged at all by default (the requests.rejected metric counts them), since writing thousands of lines a second
    /// would take the CPU the accepted requests need.
    /// </summary>
    private static LogEventLevel LevelOf(HttpContext context, int status, Exception? exception) => (exception, status) switch
    {
        (not null, _) => LogEventLevel.Error,
        (_, StatusCodes.Status503ServiceUnavailable) when ShedResponse.WasShed(context) => LogEventLevel.Debug,
        (_, StatusCodes.Status503ServiceUnavailable) => LogEventLevel.Warning,
        (_, >= 500) => LogEventLevel.Error,
        _ => LogEventLevel.Information,
    };

    /// <summary>
    /// The matched route; a request that ended in an exception is answered by the exception handler, which clears the
    /// endpoint, so the one it failed in is read from the handler's feature.
    /// </summary>
    private static string RouteOf(HttpContext context) =>
        (context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerFeature>()?.Endpoint) is RouteEndpoint route
            ? route.RoutePattern.RawText ?? Unmatched
            : Unmatched;
}
