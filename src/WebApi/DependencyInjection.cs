using System.Text.Json;
using System.Text.Json.Serialization;
using EventAgents.Application.Common.Behaviours;
using EventAgents.Application.Common.Interfaces;
using EventAgents.Application.Common.Security;
using EventAgents.WebApi.Infrastructure.Admission;
using EventAgents.WebApi.Infrastructure.Correlation;
using EventAgents.WebApi.Infrastructure.Logging;
using EventAgents.WebApi.Infrastructure.OpenApi;
using EventAgents.WebApi.Infrastructure.Problems;
using EventAgents.WebApi.Infrastructure.Security;
using EventAgents.WebApi.Infrastructure.Streaming;
using EventAgents.WebApi.Infrastructure.Telemetry;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace EventAgents.WebApi;

public static class DependencyInjection
{
    public const int MaxJsonDepth = 64;

    public static IServiceCollection AddWebApi(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddStructuredLogging(configuration, environment);

        services.AddMediator((Mediator.MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(Application.DependencyInjection)];
            options.PipelineBehaviors = [typeof(LoggingBehaviour<,>), typeof(ValidationBehaviour<,>)];
        });

        services.AddControllers(options =>
            {
                options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
                options.ModelMetadataDetailsProviders.Add(new SystemTextJsonValidationMetadataProvider());
                // jQuery-style keys (a[b]=c) are not part of this API, and their parsers throw on a key like "x[" (a 500 the
                // fuzz suite found on the token endpoint). Query and form values bind by plain name.
                options.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
                options.ValueProviderFactories.RemoveType<JQueryQueryStringValueProviderFactory>();
            })
            .AddJsonOptions(options =>
            {
                // Input formatter messages name .NET types; clients get the JSON path and a neutral message instead.
                options.AllowInputFormatterExceptionMessages = false;
                options.JsonSerializerOptions.MaxDepth = MaxJsonDepth;
                // {"a":1,"a":2} means different things to different parsers; refuse it (400) instead of guessing.
                options.JsonSerializerOptions.AllowDuplicateProperties = false;
                // A union's "kind" may come anywhere in the object (a custom tool's, as partners write it).
                options.JsonSerializerOptions.AllowOutOfOrderMetadataProperties = true;
                options.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
                options.JsonSerializerOptions.Converters.Add(new Application.Common.Json.StrictJsonElementConverter());
            })
            .ConfigureApiBehaviorOptions(options => options.InvalidModelStateResponseFactory = ProblemDetailsSetup.InvalidModelState);

        services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemDetailsSetup.Customize);
        services.AddSingleton<IProblemDetailsWriter, FallbackProblemDetailsWriter>();
        services.AddExceptionHandler<ApiExceptionHandler>();

        services.AddTokenAuthentication(configuration, environment);
        services.AddScoped<HttpRequestContext>();
        services.AddScoped<IRequestContext>(provider => provider.GetRequiredService<ExecutionScope>().CorrelationId is { } correlationId
            ? new FixedRequestContext(correlationId)
            : provider.GetRequiredService<HttpRequestContext>());
        services.AddSingleton<JsonSerializerOptionsProvider>();
        services.AddOptions<LiveEventsOptions>().Bind(configuration.GetSection(LiveEventsOptions.SectionName))
            .Validate(o => o.HeartbeatSeconds > 0 && o.LiveFallbackPollSeconds > 0 && o.MaxLiveConnectionsPerClient > 0, "Events:* must be positive")
            .ValidateOnStart();
        services.AddSingleton<LiveConnectionLimiter>();
        services.AddScoped<EventStreamWriter>();
        services.AddAbuseRateLimits(configuration);
        services.AddAdmissionControl(configuration);
        services.AddTrustedProxies(configuration);
        services.AddTelemetry(configuration);
        services.AddPartnerCors(configuration);

        services.Configure<OpenApiOptions>(configuration.GetSection(OpenApiOptions.SectionName));
        services.AddOpenApiDocument();

        services.Configure<HostOptions>(options =>
            options.ShutdownTimeout = TimeSpan.FromSeconds(configuration.GetValue("Shutdown:TimeoutSeconds", 30)));
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(options =>
        {
            options.AddServerHeader = false;
            options.Limits.MaxRequestBodySize = MaxRequestBodyBytes(configuration);
            // Rates any real client meets; a caller trickling its headers or body is cut off instead of holding a connection
            // (it never holds a slot: bodies are read before admission).
            options.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(configuration.GetValue("Limits:RequestHeadersTimeoutSeconds", 10.0));
            options.Limits.MinRequestBodyDataRate = new Microsoft.AspNetCore.Server.Kestrel.Core.MinDataRate(
                configuration.GetValue("Limits:MinRequestBodyBytesPerSecond", 10240.0),
                TimeSpan.FromSeconds(configuration.GetValue("Limits:MinRequestBodyGraceSeconds", 5.0)));
        });

        return services;
    }

    /// <summary><c>Limits:MaxRequestBodyBytes</c>, 1 MiB by default.</summary>
    public static long MaxRequestBodyBytes(IConfiguration configuration) =>
        configuration.GetValue<long?>("Limits:MaxRequestBodyBytes") ?? 1024 * 1024;
}
