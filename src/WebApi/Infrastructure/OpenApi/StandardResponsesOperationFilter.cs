using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace EventAgents.WebApi.Infrastructure.OpenApi;

/// <summary>
/// Keeps the documented media types honest: successes are application/json (or an event stream), every error is
/// application/problem+json with the problem schema, and the answers any operation can give (429, 500) are listed.
/// </summary>
internal sealed class StandardResponsesOperationFilter : IOperationFilter
{
    private const string ProblemJson = "application/problem+json";
    private static readonly string[] SuccessMediaTypes = ["application/json", "text/event-stream"];

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        operation.Responses ??= [];
        AddIfMissing(operation, "429", "Too many requests: retry after the seconds in Retry-After.");
        AddIfMissing(operation, "500", "Unexpected server error.");

        var oauthErrors = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<OAuthErrorResponsesAttribute>().Any();
        foreach (var (status, response) in operation.Responses)
        {
            if (response is not OpenApiResponse concrete)
            {
                continue;
            }

            if (status[0] is '4' or '5' && !(oauthErrors && status is "400" or "401"))
            {
                var schemaType = status == "400" ? typeof(ValidationProblemDetails) : typeof(ProblemDetails);
                var schema = context.SchemaGenerator.GenerateSchema(schemaType, context.SchemaRepository);
                concrete.Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() { Schema = schema } };
            }
            else if (concrete.Content is { Count: > 0 } content)
            {
                foreach (var mediaType in content.Keys.Where(k => !SuccessMediaTypes.Contains(k)).ToList())
                {
                    content.Remove(mediaType);
                }
            }
        }
    }

    private static void AddIfMissing(OpenApiOperation operation, string status, string description)
    {
        if (!operation.Responses!.ContainsKey(status))
        {
            operation.Responses[status] = new OpenApiResponse { Description = description };
        }
    }
}
