using EventAgents.Application.Common.Behaviours;
using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EventAgents.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton);
        services.Configure<MessageLoggingOptions>(configuration.GetSection(MessageLoggingOptions.SectionName));
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<Events.EventMetadata>();
        services.AddScoped<Common.Security.ExecutionScope>();
        services.AddScoped<Documents.DocumentWriter>();
        return services;
    }
}
