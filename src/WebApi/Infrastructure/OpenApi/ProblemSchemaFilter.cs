using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Microsoft.OpenApi.MicrosoftExtensions;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace EventAgents.WebApi.Infrastructure.OpenApi;

/// <summary>
/// Problem details (RFC 9457) with the members this API adds typed, and <c>detail</c> marked as the primary error message
/// (<c>x-ms-primary-error-message</c>), so a Kiota client's exception carries the problem's detail as its message.
/// </summary>
internal sealed class ProblemSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (!typeof(ProblemDetails).IsAssignableFrom(context.Type) || schema is not OpenApiSchema problem || problem.Properties is null)
        {
            return;
        }

        problem.Description = "A problem (RFC 9457). Switch on `type`; `detail` explains this occurrence. Other members may be added.";
        problem.Required = new HashSet<string> { "type", "title", "status", "correlationId" };
        Describe(problem, "type", "A URI naming the kind of problem, e.g. https://eventagents.dev/problems/wrong-expected-version; see docs/problems.md.");
        Describe(problem, "title", "A short summary of the kind of problem.");
        Describe(problem, "status", "The HTTP status code.");
        Describe(problem, "detail", "What went wrong in this request, for people.");
        Describe(problem, "instance", "The request path.");
        if (problem.Properties["detail"] is OpenApiSchema detail)
        {
            detail.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            detail.Extensions[OpenApiPrimaryErrorMessageExtension.Name] = new OpenApiPrimaryErrorMessageExtension { IsPrimaryErrorMessage = true };
        }

        foreach (var name in new[] { "type", "title", "status" })
        {
            if (problem.Properties[name] is OpenApiSchema member)
            {
                member.Type &= ~JsonSchemaType.Null;
            }
        }

        problem.Properties["correlationId"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "The request's correlation id (the X-Correlation-ID response header): quote it when reporting a problem.",
        };
        problem.Properties["currentVersion"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Integer,
            Format = "int64",
            Description = "wrong-expected-version (409) and precondition-failed (412): the version the stream or resource is at now.",
        };
        problem.Properties["expectedVersion"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Integer | JsonSchemaType.Null,
            Format = "int64",
            Description = "wrong-expected-version (409): the version the request expected.",
        };
        problem.Properties["requiredScopes"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Items = new OpenApiSchema { Type = JsonSchemaType.String },
            Description = "insufficient-scope (403): the scopes the operation needs, any one of which is enough.",
        };
        problem.Properties["retryAfterSeconds"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Integer,
            Format = "int32",
            Description = "429 and 503: seconds to wait before retrying, as in the Retry-After header.",
        };
        problem.Properties["violations"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Items = context.SchemaGenerator.GenerateSchema(typeof(Application.Schemas.SchemaViolation), context.SchemaRepository),
            Description = "schema-violation (422): every way the request's data fails its registered schema, as a JSON pointer into the request.",
        };
        problem.Properties["incompatibilities"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Items = context.SchemaGenerator.GenerateSchema(typeof(Domain.Schemas.SchemaIncompatibility), context.SchemaRepository),
            Description = "incompatible-schema (409): every way the candidate breaks the subject's compatibility mode.",
        };
        problem.Properties["compatibility"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "incompatible-schema (409): the subject's compatibility mode.",
        };
        if (problem.Properties.TryGetValue("errors", out var errors) && errors is OpenApiSchema errorMap)
        {
            errorMap.Description = "Each invalid field (a JSON path such as events[0].type, a query parameter, or body) with its messages.";
        }
    }

    private static void Describe(OpenApiSchema problem, string name, string description)
    {
        if (problem.Properties![name] is OpenApiSchema member)
        {
            member.Description = description;
        }
    }
}
