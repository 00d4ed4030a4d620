using System.Reflection;
using System.Text.Json.Serialization;
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
            // Relative: the document is served by the API it describes, and a generated client is given its base URL.
            options.AddServer(new OpenApiServer { Url = "/", Description = "The EventAgents instance serving this document" });
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
            // A property of an object type is a plain $ref: an allOf wrapper (to carry nullable or a description) makes
            // generators invent a type per property (Kiota's AgentRequest_model, RunDto_error).
            // Steps and run triggers are unions told apart by "kind": oneOf with a discriminator, from the
            // System.Text.Json polymorphism attributes the API serialises with.
            options.UseAllOfForInheritance();
            options.SelectSubTypesUsing(type => type.GetCustomAttributes<JsonDerivedTypeAttribute>(false).Select(a => a.DerivedType));
            options.SelectDiscriminatorNameUsing(type => type.GetCustomAttribute<JsonPolymorphicAttribute>(false)?.TypeDiscriminatorPropertyName);
            options.SelectDiscriminatorValueUsing(type => type.BaseType?.GetCustomAttributes<JsonDerivedTypeAttribute>(false)
                .FirstOrDefault(a => a.DerivedType == type)?.TypeDiscriminator?.ToString());
            // operationIds come from the route names, which are stable and reviewed like any public contract.
            options.CustomOperationIds(api => api.ActionDescriptor.AttributeRouteInfo?.Name);
            options.OperationFilter<SecurityRequirementsOperationFilter>();
            options.DocumentFilter<DiscriminatedUnionsDocumentFilter>();
            options.SchemaFilter<EnumValuesSchemaFilter>();
            options.SchemaFilter<ProblemSchemaFilter>();
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
        // Only requests under /swagger pass through Swashbuckle's middleware: every API call would otherwise test its paths.
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/swagger"), swagger => swagger.UseSwagger().UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint($"/swagger/{DocumentName}/swagger.json", "EventAgents API v1");
            options.RoutePrefix = "swagger";
            options.DocumentTitle = "EventAgents API";
            // Authorize once: the token survives page reloads (kept in the browser's localStorage for this origin).
            options.EnablePersistAuthorization();
            options.EnableTryItOutByDefault();
            options.DisplayRequestDuration();
        }));
        return app;
    }
}
