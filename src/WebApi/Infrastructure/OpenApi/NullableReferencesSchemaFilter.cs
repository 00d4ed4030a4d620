using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace EventAgents.WebApi.Infrastructure.OpenApi;

/// <summary>
/// A nullable property of an object type is written as <c>allOf: [$ref], nullable: true</c>; OpenAPI 3.0 validators (and
/// some generators) reject <c>nullable</c> without a <c>type</c>, so such properties also say <c>type: object</c>.
/// </summary>
internal sealed class NullableReferencesSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema.Properties is null)
        {
            return;
        }

        foreach (var property in schema.Properties.Values.OfType<OpenApiSchema>())
        {
            if (property.AllOf is { Count: 1 } && property.AllOf[0] is OpenApiSchemaReference && property.Type == JsonSchemaType.Null)
            {
                property.Type = JsonSchemaType.Object | JsonSchemaType.Null;
            }
        }
    }
}
