using Microsoft.Extensions.Options;

namespace EventAgents.WebApi.Infrastructure.Admission;

internal static class AdmissionSetup
{
    public static IServiceCollection AddAdmissionControl(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AdmissionOptions>(configuration.GetSection(AdmissionOptions.SectionName));
        services.AddSingleton<AdmissionController>();
        services.AddSingleton<AdmissionMetrics>();
        services.AddSingleton<OverloadGate>();
        services.AddSingleton(provider => new BodyBufferBudget(provider.GetRequiredService<IOptions<AdmissionOptions>>().Value.MaxBufferedBodyBytes));
        services.AddHealthChecks().AddCheck<AdmissionHealthCheck>("admission", tags: [EventAgents.Infrastructure.DependencyInjection.ReadyTag]);
        return services;
    }
}
