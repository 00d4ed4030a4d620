using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace EventAgents.WebApi.Infrastructure.OpenApi;

/// <summary>Adds a realistic request and success-response example to each operation that has one in <see cref="OpenApiExamples"/>.</summary>
internal sealed class ExamplesOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.OperationId is not { } id)
        {
            return;
        }

        AddProblemExamples(operation, id, "/" + context.ApiDescription.RelativePath);
        if (!OpenApiExamples.ByOperation.TryGetValue(id, out var example))
        {
            return;
        }

        if (example.Request is not null && operation.RequestBody?.Content is { } requestContent)
        {
            foreach (var mediaType in requestContent.Values.OfType<OpenApiMediaType>())
            {
                mediaType.Example = JsonNode.Parse(example.Request);
            }
        }

        if (operation.Responses?.TryGetValue(example.Status, out var response) == true && response.Content is { } responseContent)
        {
            foreach (var (name, mediaType) in responseContent)
            {
                if (mediaType is OpenApiMediaType concrete)
                {
                    // NDJSON is text (lines of JSON), so its example is a string, not a JSON value.
                    concrete.Example = name == "application/x-ndjson" ? JsonValue.Create(example.Response + "\n") : JsonNode.Parse(example.Response);
                }
            }
        }
    }

    private static void AddProblemExamples(OpenApiOperation operation, string operationId, string path)
    {
        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (response.Content?.TryGetValue("application/problem+json", out var problem) == true && problem is OpenApiMediaType concrete
                && ProblemExamples.For(operationId, status, path) is { } example)
            {
                concrete.Example = example;
            }
        }
    }
}
