using EventAgents.WebApi.Infrastructure.Admission;
using EventAgents.WebApi.Infrastructure.Correlation;
using Microsoft.AspNetCore.Diagnostics;
using Serilog;
using Serilog.Events;
using Serilog.Filters;
using Serilog.Formatting.Compact;

namespace EventAgents.WebApi.Infrastructure.Logging;

internal static class LoggingSetup
{
    private const string ReadableTemplate =
        "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}";

    /// <summary>
    /// Serilog from configuration ("Serilog" section, overridable by environment variables), enriched with the
    /// request's log context. Compact JSON outside Development. Sinks are asynchronous so logging never blocks a request.
    /// </summary>
    private static readonly Func<LogEvent, bool> IsActionInvoker = Matching.FromSource("Microsoft.AspNetCore.Mvc.Infrastructure.ControllerActionInvoker");

    public static IServiceCollection AddStructuredLogging(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSerilog((provider, logger) =>
        {
            logger.ReadFrom.Configuration(configuration)
                // At Trace level MVC logs every action argument, i.e. request bodies; never let configuration turn that on.
                // (An Override to Debug did that, but also switched Debug on for every request under the default "Microsoft": Warning.)
                .Filter.ByExcluding(e => e.Level == LogEventLevel.Verbose && IsActionInvoker(e))
                .ReadFrom.Services(provider)
                .Enrich.FromLogContext()
                .Enrich.With(new CorrelationIdEnricher(provider.GetRequiredService<IHttpContextAccessor>()));
            var filePath = configuration["Serilog:FilePath"];
            if (!string.IsNullOrWhiteSpace(filePath))
            {
                // Compact JSON to a file instead of stdout (the benchmark uses it so logging stays on but off the terminal).
                logger.WriteTo.Async(sink => sink.File(new CompactJsonFormatter(), filePath, buffered: true, flushToDiskInterval: TimeSpan.FromSeconds(1)));
            }
            else if (environment.IsDevelopment())
            {
                logger.WriteTo.Async(sink => sink.Console(outputTemplate: ReadableTemplate, formatProvider: null));
            }
            else
            {
                logger.WriteTo.Async(sink => sink.Console(new CompactJsonFormatter()));
            }
        });
        return services;
    }

    /// <summary>One completion line per request: method, route template, status and elapsed milliseconds.</summary>
    public static WebApplication UseRequestCompletionLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(options =>
        {
            options.MessageTemplate = "HTTP {RequestMethod} {RouteTemplate} responded {StatusCode} in {Elapsed:0.0} ms";
            // A request that ended in an exception is answered by the exception handler, which clears the endpoint; the
            // one it failed in is kept on the handler's feature.
            options.EnrichDiagnosticContext = (diagnostics, http) =>
                diagnostics.Set("RouteTemplate", (http.GetEndpoint() ?? http.Features.Get<IExceptionHandlerFeature>()?.Endpoint) is RouteEndpoint route
                    ? route.RoutePattern.RawText
                    : "(unmatched)");
            // A 503 is the service protecting itself: a database away is worth a warning, not an error per request; a shed
            // request is not logged at all by default (the requests.rejected metric counts them), since writing thousands of
            // lines a second would take the CPU the accepted requests need.
            options.GetLevel = (http, _, exception) => (exception, http.Response.StatusCode) switch
            {
                (not null, _) => LogEventLevel.Error,
                (_, StatusCodes.Status503ServiceUnavailable) when ShedResponse.WasShed(http) => LogEventLevel.Debug,
                (_, StatusCodes.Status503ServiceUnavailable) => LogEventLevel.Warning,
                (_, >= 500) => LogEventLevel.Error,
                _ => LogEventLevel.Information,
            };
        });
        return app;
    }
}
