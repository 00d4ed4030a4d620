using EventAgents.Application.Common.Behaviours;
using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EventAgents.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services, IConfiguration configuration)
    {
        // A property's later rules assume the earlier ones held (NotEmpty, then Must(n => n!.…)): stop at its first failure.
        // Found by build/reliability.sh fuzz: a body without "name" made an agent validator throw, a 500.
        ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton);
        services.Configure<MessageLoggingOptions>(configuration.GetSection(MessageLoggingOptions.SectionName));
        services.AddOptions<Common.Quotas.QuotaOptions>()
            .Bind(configuration.GetSection(Common.Quotas.QuotaOptions.SectionName))
            .Validate(quotas => quotas.MaxAgentsPerTenant > 0 && quotas.MaxWebhooksPerTenant > 0 && quotas.MaxRunsPerAppend > 0
                && quotas.MaxRunsPerTenantPerMinute > 0 && quotas.MaxStoredBytesPerTenant > 0, "Quotas:* must be positive")
            .ValidateOnStart();
        services.AddOptions<Common.Paging.PageOptions>()
            .Bind(configuration.GetSection(Common.Paging.PageOptions.SectionName))
            .Validate(paging => paging.MaxPageBytes > 0, "Paging:MaxPageBytes must be positive")
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<Events.EventMetadata>();
        services.AddScoped<Common.Security.ExecutionScope>();
        services.AddScoped<Documents.DocumentWriter>();
        services.AddScoped<Schemas.SchemaWarnings>();
        services.AddScoped<Schemas.SchemaEnforcement>();
        services.AddSingleton<Schemas.SchemaMetrics>();
        return services;
    }
}
