using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace EventAgents.WebApi.Infrastructure.OpenApi;

/// <summary>
/// Finishes the unions (run steps, run triggers): the base schema's discriminator lists its values as an enum, and neither the
/// base nor a variant's own part says <c>additionalProperties: false</c>, which under <c>allOf</c> would make every variant
/// invalid (each part would refuse the other part's members).
/// </summary>
internal sealed class DiscriminatedUnionsDocumentFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var schemas = document.Components?.Schemas;
        if (schemas is null)
        {
            return;
        }

        var bases = schemas.Where(s => s.Value.Discriminator is not null).ToDictionary(s => s.Key, s => s.Value);
        foreach (var (_, union) in bases)
        {
            if (union is not OpenApiSchema concrete)
            {
                continue;
            }

            concrete.AdditionalPropertiesAllowed = true;
            if (concrete.Discriminator is { PropertyName: { } name, Mapping: { } mapping } && concrete.Properties?[name] is OpenApiSchema property)
            {
                property.Enum = mapping.Keys.Select(k => (JsonNode)JsonValue.Create(k)).ToList();
            }
        }

        foreach (var variant in schemas.Values.OfType<OpenApiSchema>().Where(s => s.AllOf is { Count: > 0 }))
        {
            if (variant.AllOf!.OfType<OpenApiSchemaReference>().Any(r => r.Reference.Id is { } id && bases.ContainsKey(id)))
            {
                foreach (var part in variant.AllOf!.OfType<OpenApiSchema>())
                {
                    part.AdditionalPropertiesAllowed = true;
                }
            }
        }
    }
}
