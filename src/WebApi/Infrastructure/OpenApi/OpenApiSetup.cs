using EventAgents.Domain.Auth;
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
                Contact = new OpenApiContact { Name = "EventAgents", Url = new Uri("https://eventagents.dev") },
                License = new OpenApiLicense { Name = "Proprietary", Url = new Uri("https://eventagents.dev/terms") },
            });
            var xml = Path.Combine(AppContext.BaseDirectory, "EventAgents.WebApi.xml");
            if (File.Exists(xml))
            {
                options.IncludeXmlComments(xml, includeControllerXmlComments: true);
            }

            // Payloads are arbitrary JSON objects, passed through verbatim.
            options.MapType<EventAgents.Application.Common.Json.RawJson>(() => new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalPropertiesAllowed = true });
            options.MapType<System.Text.Json.JsonElement>(() => new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalPropertiesAllowed = true });
            options.SupportNonNullableReferenceTypes();
            options.NonNullableReferenceTypesAsRequired();
            options.UseAllOfToExtendReferenceSchemas();
            // operationIds come from the route names, which are stable and reviewed like any public contract.
            options.CustomOperationIds(api => api.ActionDescriptor.AttributeRouteInfo?.Name);
            options.OperationFilter<SecurityRequirementsOperationFilter>();
            options.SchemaFilter<NullableReferencesSchemaFilter>();
            options.SchemaFilter<EnumValuesSchemaFilter>();
            options.OperationFilter<StandardResponsesOperationFilter>();
            options.OperationFilter<ExamplesOperationFilter>();
            options.OperationFilter<WhereParameterOperationFilter>();
            options.AddSecurityDefinition(SecurityRequirementsOperationFilter.BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An access token from POST /api/v1/auth/token.",
            });
            options.AddSecurityDefinition(SecurityRequirementsOperationFilter.OAuthScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OAuth2,
                Description = "OAuth2 client credentials: enter a client id and secret in Authorize.",
                Flows = new OpenApiOAuthFlows
                {
                    ClientCredentials = new OpenApiOAuthFlow
                    {
                        TokenUrl = new Uri("/api/v1/auth/token", UriKind.Relative),
                        Scopes = Scopes.All.ToDictionary(scope => scope, ScopeDescription),
                    },
                },
            });
        });
        return services;
    }

    private static string ScopeDescription(string scope) => scope switch
    {
        Scopes.Admin => "Manage tenants and clients (platform tenant only)",
        _ => scope.Replace(":", ": ", StringComparison.Ordinal),
    };

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
