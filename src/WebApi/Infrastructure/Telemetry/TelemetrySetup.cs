using EventAgents.Application.Common.Telemetry;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EventAgents.WebApi.Infrastructure.Telemetry;

/// <summary>
/// OpenTelemetry: traces (ASP.NET Core, HttpClient, Npgsql) and metrics (the same plus the runtime and the service's own
/// meter (<see cref="MeterNames.Service"/>)), exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the exporter reads
/// the standard OTEL_* variables), and a Prometheus scrape endpoint at <c>/metrics</c> when <c>Metrics__Prometheus=true</c>.
/// With neither, nothing is collected. Log lines carry the trace and span ids (Serilog reads the current activity).
/// </summary>
internal static class TelemetrySetup
{
    public const string ServiceName = "eventagents";
    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<RejectionMetrics>();
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var prometheus = configuration.GetValue("Metrics:Prometheus", false);
        if (!otlp && !prometheus)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(ServiceName));
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation()
                .AddMeter(MeterNames.Service, "Npgsql");
            if (otlp)
            {
                metrics.AddOtlpExporter();
            }

            if (prometheus)
            {
                metrics.AddPrometheusExporter();
            }
        });
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = http => !IsOperational(http.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter());
        }

        return services;
    }

    public static WebApplication MapMetricsIfEnabled(this WebApplication app)
    {
        if (app.Configuration.GetValue("Metrics:Prometheus", false))
        {
            app.MapPrometheusScrapingEndpoint(MetricsPath).WithMetadata(new Admission.AdmissionExemptAttribute());
        }

        return app;
    }

    /// <summary>Health probes and the scrape endpoint: not traced and not rate limited (nor shed: they are admission-exempt).</summary>
    public static bool IsOperational(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments(MetricsPath);
}
