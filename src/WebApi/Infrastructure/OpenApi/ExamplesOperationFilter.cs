using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace EventAgents.WebApi.Infrastructure.OpenApi;

/// <summary>Adds a realistic request and success-response example to each operation that has one in <see cref="OpenApiExamples"/>.</summary>
internal sealed class ExamplesOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.OperationId is not { } id || !OpenApiExamples.ByOperation.TryGetValue(id, out var example))
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
                    concrete.Example = name == "text/event-stream" ? JsonValue.Create(example.Response) : JsonNode.Parse(example.Response);
                }
            }
        }
    }
}
