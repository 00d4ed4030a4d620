using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace EventAgents.WebApi.Infrastructure.OpenApi;

/// <summary>
/// Keeps the documented responses honest: successes are application/json (or an event stream), every error is
/// application/problem+json with the problem schema; the answers any operation can give are listed (413 and 415 where there
/// is a body, 429, 500, 503), and so are the headers each response carries.
/// </summary>
internal sealed class StandardResponsesOperationFilter : IOperationFilter
{
    private const string ProblemJson = "application/problem+json";
    private static readonly string[] SuccessMediaTypes = ["application/json", "text/event-stream", "application/x-ndjson"];

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        operation.Responses ??= [];
        var hasBody = context.ApiDescription.ParameterDescriptions.Any(p => p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Body
            || p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Form);
        if (hasBody)
        {
            AddIfMissing(operation, "413", "The body is larger than 1 MiB.");
            AddIfMissing(operation, "415", "The body's Content-Type is not one this operation takes.");
        }

        AddIfMissing(operation, "429", "Too many requests (rate limit or quota): retry after the seconds in Retry-After.");
        AddIfMissing(operation, "500", "Unexpected server error.");
        AddIfMissing(operation, "503", "Overloaded, or the database is unavailable: retry after the seconds in Retry-After.");

        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var oauthErrors = metadata.OfType<OAuthErrorResponsesAttribute>().Any();
        var declared = metadata.OfType<ResponseHeaderAttribute>().ToList();
        var reads = context.ApiDescription.HttpMethod is "GET" or "HEAD";
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

            AddHeaders(concrete, status, declared, reads);
        }

        operation.Parameters ??= [];
        operation.Parameters.Add(StandardHeaders.CorrelationIdParameter());
        if (reads)
        {
            operation.Parameters.Add(StandardHeaders.ConsistencyTokenParameter());
        }
    }

    private static void AddHeaders(OpenApiResponse response, string status, IReadOnlyList<ResponseHeaderAttribute> declared, bool reads)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        var names = new List<string> { StandardHeaders.CorrelationId, StandardHeaders.RateLimit, StandardHeaders.RateLimitPolicy };
        if (!reads && status[0] == '2')
        {
            names.Add(StandardHeaders.ConsistencyToken);
        }

        if (status is "429" or "503")
        {
            names.Add(StandardHeaders.RetryAfter);
        }

        if (status is "401" or "403")
        {
            names.Add(StandardHeaders.WwwAuthenticate);
        }

        if (status is "201")
        {
            names.Add(StandardHeaders.Location);
        }

        names.AddRange(declared.Where(d => d.Statuses.Any(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture) == status)).Select(d => d.Name));
        foreach (var name in names.Distinct())
        {
            response.Headers[name] = StandardHeaders.Header(name);
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
