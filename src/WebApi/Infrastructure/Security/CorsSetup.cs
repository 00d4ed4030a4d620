using EventAgents.WebApi.Infrastructure.Configuration;

namespace EventAgents.WebApi.Infrastructure.Security;

internal static class CorsSetup
{
    /// <summary>
    /// Browsers may call the API only from <c>Cors:AllowedOrigins</c> (a list, or one comma-separated string); none by default.
    /// </summary>
    public static IServiceCollection AddPartnerCors(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = configuration.GetList("Cors:AllowedOrigins").Select(o => o.TrimEnd('/')).Where(o => o.Length > 0).ToArray();
        services.AddCors(options => options.AddDefaultPolicy(policy => policy
            .WithOrigins(origins)
            .AllowAnyHeader()
            .AllowAnyMethod()
            .WithExposedHeaders("X-Correlation-ID", "ETag", "Location", "Retry-After")
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        return services;
    }
}
