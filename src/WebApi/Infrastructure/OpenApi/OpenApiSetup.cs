using Microsoft.OpenApi;

namespace EventAgents.WebApi.Infrastructure.OpenApi;

internal static class OpenApiSetup
{
    public const string DocumentName = "v1";

    public static IServiceCollection AddOpenApiDocument(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "EventAgents API",
                Version = "v1",
                Description = "Multi-tenant event store, event-sourced documents and AI agents over HTTP.",
            });
            var xml = Path.Combine(AppContext.BaseDirectory, "EventAgents.WebApi.xml");
            if (File.Exists(xml))
            {
                options.IncludeXmlComments(xml, includeControllerXmlComments: true);
            }

            options.SupportNonNullableReferenceTypes();
            options.NonNullableReferenceTypesAsRequired();
            options.UseAllOfToExtendReferenceSchemas();
            // operationIds come from the route names, which are stable and reviewed like any public contract.
            options.CustomOperationIds(api => api.ActionDescriptor.AttributeRouteInfo?.Name);
            options.OperationFilter<StandardResponsesOperationFilter>();
        });
        return services;
    }

    public static WebApplication UseOpenApiDocument(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint($"/swagger/{DocumentName}/swagger.json", "EventAgents API v1");
            options.RoutePrefix = "swagger";
            options.DocumentTitle = "EventAgents API";
        });
        return app;
    }
}
