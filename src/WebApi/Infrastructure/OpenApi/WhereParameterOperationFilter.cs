using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace EventAgents.WebApi.Infrastructure.OpenApi;

/// <summary>Documents the <c>where[field]=value</c> filters of ListDocuments, which MVC does not bind as a declared parameter.</summary>
internal sealed class WhereParameterOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.OperationId != "ListDocuments")
        {
            return;
        }

        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = "where",
            In = ParameterLocation.Query,
            Style = ParameterStyle.DeepObject,
            Explode = true,
            Description = "Equality filters on top-level data fields, e.g. where[status]=active&where[qty]=5 (AND). "
                + "JSON numbers, true, false, null and quoted strings match as JSON values; anything else as a string.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.String } },
        });
    }
}
