using EventAgents.WebApi.Infrastructure.Admission;
using EventAgents.WebApi.Infrastructure.Correlation;
using EventAgents.WebApi.Infrastructure.Health;
using EventAgents.WebApi.Infrastructure.Logging;
using EventAgents.WebApi.Infrastructure.OpenApi;
using EventAgents.WebApi.Infrastructure.Security;
using EventAgents.WebApi.Infrastructure.Telemetry;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace EventAgents.WebApi;

public static class WebApplicationExtensions
{
    /// <summary>The HTTP pipeline, outermost first.</summary>
    public static WebApplication UseWebApi(this WebApplication app)
    {
        app.UseTrustedProxies();
        if (PublicBaseUrlMiddleware.From(app.Configuration) is { } publicBaseUrl)
        {
            app.UseMiddleware<PublicBaseUrlMiddleware>(publicBaseUrl);
        }

        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseMiddleware<NoStoreMiddleware>();
        app.UseRequestCompletionLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseMiddleware<RequestLimitsMiddleware>(DependencyInjection.MaxRequestBodyBytes(app.Configuration));

        if (app.Services.GetRequiredService<IOptions<OpenApiOptions>>().Value.Enabled)
        {
            app.UseOpenApiDocument();
        }

        app.UseRouting();
        app.UseMiddleware<OverloadGateMiddleware>();
        app.UseCors();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseRateLimitHeaders();
        app.UseAuthorization();
        app.UseMiddleware<AdmissionMiddleware>(DependencyInjection.MaxRequestBodyBytes(app.Configuration));
        app.UseMiddleware<Infrastructure.Consistency.ConsistencyTokenMiddleware>();

        app.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).WithMetadata(new AdmissionExemptAttribute());
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(EventAgents.Infrastructure.DependencyInjection.ReadyTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).WithMetadata(new AdmissionExemptAttribute());
        app.MapMetricsIfEnabled();
        app.MapControllers();
        return app;
    }
}
