using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace EventAgents.Application.Common.Json;

/// <summary>
/// A compiled JSON Schema (draft 2020-12) that stands alone: no <c>$id</c>, anchors or dynamic references and only local
/// <c>$ref</c>s, so nothing is ever fetched and one tenant's schema never resolves another's. Compiled once, then used by
/// many threads (tool arguments, the schema registry's validation on write).
/// </summary>
public sealed class StandaloneJsonSchema
{
    private static readonly EvaluationOptions ListErrors = new() { OutputFormat = OutputFormat.List };

    private readonly JsonSchema _schema;

    private StandaloneJsonSchema(JsonSchema schema) => _schema = schema;

    /// <summary>Why <paramref name="schema"/> cannot be used, or null when it can.</summary>
    public static string? Refusal(JsonElement schema, int maxChars)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return "The schema is a JSON Schema object.";
        }

        var text = schema.GetRawText();
        if (text.Length > maxChars)
        {
            return $"The schema has at most {maxChars} characters.";
        }

        if (FindsExternalReference(schema))
        {
            return "The schema has no $id, $anchor or $dynamicAnchor and only local $refs (\"#/...\").";
        }

        try
        {
            if (!MetaSchemas.Draft202012.Evaluate(JsonNode.Parse(text), ListErrors).IsValid)
            {
                return "The schema is not a valid JSON Schema (draft 2020-12).";
            }

            _ = JsonSchema.FromText(text);
            return null;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            return "The schema is not a valid JSON Schema (draft 2020-12).";
        }
    }

    /// <summary>A schema <see cref="Refusal"/> accepted.</summary>
    public static StandaloneJsonSchema Compile(JsonElement schema) => new(JsonSchema.FromText(schema.GetRawText()));

    /// <summary>A stored schema (accepted when it was stored).</summary>
    public static StandaloneJsonSchema Compile(string schemaJson) => new(JsonSchema.FromText(schemaJson));

    /// <summary>Up to <paramref name="max"/> ways <paramref name="instance"/> fails the schema, as JSON pointer and message; empty when it passes.</summary>
    public IReadOnlyList<(string Pointer, string Message)> Errors(JsonElement instance, int max) => Errors(instance.GetRawText(), max);

    /// <summary>As <see cref="Errors(JsonElement, int)"/>, for the instance's JSON text.</summary>
    public IReadOnlyList<(string Pointer, string Message)> Errors(string instanceJson, int max)
    {
        // A valid instance costs the same with list output as with flag output (measured: docs/performance.md), so one pass.
        var results = _schema.Evaluate(JsonNode.Parse(instanceJson, documentOptions: JsonDefaults.Stored), ListErrors);
        if (results.IsValid)
        {
            return [];
        }

        var errors = (results.HasDetails ? results.Details : [results])
            .Where(r => r.HasErrors)
            .SelectMany(r => r.Errors!.Select(e => (r.InstanceLocation.ToString(), e.Value)))
            .Distinct()
            .Take(max)
            .ToList();
        return errors.Count > 0 ? errors : [(string.Empty, "The value does not match the schema.")];
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
