using EventAgents.Domain.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace EventAgents.WebApi.Infrastructure.OpenApi;

/// <summary>Lists, per operation, the scope its policy requires (on the OAuth2 scheme; the Bearer scheme takes the same token), and its 401/403.</summary>
internal sealed class SecurityRequirementsOperationFilter : IOperationFilter
{
    public const string BearerScheme = "Bearer";
    public const string OAuthScheme = "oauth2";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return;
        }

        var policies = Security.EndpointScopes.Required(metadata).ToList();
        if (policies.Count == 0)
        {
            return;
        }

        operation.Security =
        [
            // Scopes belong to OAuth2 requirements only: for a bearer scheme the list must be empty (OpenAPI 3.0).
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OAuthScheme, context.Document)] = policies },
        ];
        operation.Description = ((operation.Description ?? string.Empty) + $"\n\nRequired scope: `{string.Join("`, `", policies)}`.").Trim();
        operation.Responses ??= [];
        var problem = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        operation.Responses.TryAdd("401", Problem("Missing, invalid, expired or revoked access token.", problem));
        operation.Responses.TryAdd("403", Problem($"The token lacks the scope {string.Join(", ", policies)}.", problem));
    }

    private static OpenApiResponse Problem(string description, IOpenApiSchema schema) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = schema } },
    };
}
