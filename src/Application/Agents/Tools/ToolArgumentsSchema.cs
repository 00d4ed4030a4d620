using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace EventAgents.Application.Agents.Tools;

/// <summary>
/// The JSON Schema (draft 2020-12) of a custom tool's arguments: checked when the agent is written, and every call's
/// arguments are checked against it before anything is sent. Schemas stand alone: no <c>$id</c> and only local
/// <c>$ref</c>s, so nothing is fetched and one tenant's schema never resolves another's.
/// </summary>
public sealed class ToolArgumentsSchema
{
    private static readonly EvaluationOptions ListErrors = new() { OutputFormat = OutputFormat.List };

    private readonly JsonSchema _schema;

    private ToolArgumentsSchema(JsonSchema schema) => _schema = schema;

    /// <summary>Why <paramref name="parameters"/> cannot be a tool's argument schema, or null when it can.</summary>
    public static string? Refusal(JsonElement parameters)
    {
        if (parameters.ValueKind != JsonValueKind.Object)
        {
            return "The parameters are a JSON Schema object.";
        }

        if (!parameters.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "object")
        {
            return "The parameters describe the arguments object: \"type\": \"object\".";
        }

        var text = parameters.GetRawText();
        if (text.Length > Domain.Agents.CustomToolRules.MaxParametersChars)
        {
            return $"The parameters schema has at most {Domain.Agents.CustomToolRules.MaxParametersChars} characters.";
        }

        if (FindsExternalReference(parameters))
        {
            return "The parameters schema has no $id, $anchor or $dynamicAnchor and only local $refs (\"#/...\").";
        }

        try
        {
            var node = JsonNode.Parse(text);
            if (!MetaSchemas.Draft202012.Evaluate(node, ListErrors).IsValid)
            {
                return "The parameters are not a valid JSON Schema (draft 2020-12).";
            }

            _ = JsonSchema.FromText(text);
            return null;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            return "The parameters are not a valid JSON Schema (draft 2020-12).";
        }
    }

    /// <summary>The schema of a tool the agent's validation accepted.</summary>
    public static ToolArgumentsSchema Of(JsonElement parameters) => new(JsonSchema.FromText(parameters.GetRawText()));

    /// <summary>Every way <paramref name="arguments"/> fails the schema, as JSON pointer and message; empty when it passes.</summary>
    public IReadOnlyList<ToolArgumentError> Errors(JsonElement arguments)
    {
        var results = _schema.Evaluate(JsonNode.Parse(arguments.GetRawText()), ListErrors);
        if (results.IsValid)
        {
            return [];
        }

        var errors = (results.HasDetails ? results.Details : [results])
            .Where(r => r.HasErrors)
            .SelectMany(r => r.Errors!.Select(e => new ToolArgumentError(r.InstanceLocation.ToString(), e.Value)))
            .Distinct()
            .Take(20)
            .ToList();
        return errors.Count > 0 ? errors : [new ToolArgumentError(string.Empty, "The arguments do not match the tool's schema.")];
    }

    private static bool FindsExternalReference(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var external = property.Name is "$id" or "$anchor" or "$dynamicAnchor" or "$dynamicRef"
                        || (property.Name == "$ref" && !(property.Value.ValueKind == JsonValueKind.String && property.Value.GetString()!.StartsWith('#')));
                    if (external || FindsExternalReference(property.Value))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.Array:
                return element.EnumerateArray().Any(FindsExternalReference);
            default:
                return false;
        }
    }
}
