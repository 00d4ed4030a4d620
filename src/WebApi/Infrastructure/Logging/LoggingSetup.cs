using EventAgents.WebApi.Infrastructure.Correlation;
using Serilog;
using Serilog.Configuration;
using Serilog.Events;
using Serilog.Filters;
using Serilog.Formatting.Compact;

namespace EventAgents.WebApi.Infrastructure.Logging;

internal static class LoggingSetup
{
    private const string ReadableTemplate =
        "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}";

    private const string HostingDiagnosticsCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    private static readonly Func<LogEvent, bool> IsActionInvoker = Matching.FromSource("Microsoft.AspNetCore.Mvc.Infrastructure.ControllerActionInvoker");

    /// <summary>
    /// Serilog from configuration ("Serilog" section, overridable by environment variables), enriched with the
    /// request's log context. Compact JSON outside Development. Sinks are asynchronous so logging never blocks a request.
    /// </summary>
    public static IServiceCollection AddStructuredLogging(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        // Hosting's own logger starts an Activity and a logging scope (request id, path, connection id: async-local writes
        // and properties on every line) for each request whenever it is enabled at all; its request start/finish lines are
        // off anyway, and the correlation id and the request line carry what they did. Tracing, when configured, still
        // starts the request's Activity, so log lines keep their trace and span ids.
        services.AddSerilog((provider, logger) =>
        {
            logger.ReadFrom.Configuration(configuration)
                .MinimumLevel.Override(HostingDiagnosticsCategory, LevelAlias.Off)
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
                logger.WriteTo.Sink(new BatchedTextSink(AppendTo(filePath), new CompactJsonFormatter()), Batching);
            }
            else if (environment.IsDevelopment())
            {
                logger.WriteTo.Async(sink => sink.Console(outputTemplate: ReadableTemplate, formatProvider: null));
            }
            else
            {
                logger.WriteTo.Sink(new BatchedTextSink(Console.OpenStandardOutput(), new CompactJsonFormatter()), Batching);
            }
        });
        CachingLoggerFactory.Decorate(services);
        return services;
    }

    /// <summary>
    /// Up to 100 ms or 1,000 lines per write; at most 10,000 lines wait (beyond that new lines are dropped rather than let
    /// memory grow, as the asynchronous sink did). The first line after a quiet spell is written at once.
    /// </summary>
    private static BatchingOptions Batching => new()
    {
        BatchSizeLimit = 1000,
        BufferingTimeLimit = TimeSpan.FromMilliseconds(100),
        QueueLimit = 10_000,
        EagerlyEmitFirstEvent = true,
    };

    private static FileStream AppendTo(string path)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        return new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
    }

    /// <summary>One completion line per request (<see cref="RequestLogMiddleware"/>).</summary>
    public static WebApplication UseRequestCompletionLogging(this WebApplication app)
    {
        app.UseMiddleware<RequestLogMiddleware>();
        return app;
    }
}
