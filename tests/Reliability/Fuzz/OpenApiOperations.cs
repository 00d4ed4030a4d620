using System.Text.Json.Nodes;

namespace EventAgents.Reliability.Fuzz;

/// <summary>The operations of the committed OpenAPI document, with their parameters and request body schemas resolved.</summary>
public sealed class OpenApiOperations(JsonNode document)
{
    public static OpenApiOperations Load(string path) => new(JsonNode.Parse(File.ReadAllText(path))!);

    public IReadOnlyList<FuzzOperation> All()
    {
        var operations = new List<FuzzOperation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject().Where(m => m.Key != "parameters"))
            {
                var parameters = (operation!["parameters"]?.AsArray() ?? [])
                    .Select(p => new FuzzParameter(
                        p!["name"]!.GetValue<string>(), p["in"]!.GetValue<string>(), p["required"]?.GetValue<bool>() ?? false, Resolve(p["schema"])))
                    .ToList();
                var content = operation["requestBody"]?["content"]?.AsObject().FirstOrDefault();
                var scopes = (operation["security"]?.AsArray() ?? [])
                    .SelectMany(requirement => requirement!.AsObject().SelectMany(s => s.Value!.AsArray().Select(v => v!.GetValue<string>())))
                    .ToList();
                operations.Add(new FuzzOperation(
                    method.ToUpperInvariant(), path, parameters, content?.Key, content is { } body ? Resolve(body.Value!["schema"]) : null,
                    scopes.Contains("admin"), operation["security"] is not null));
            }
        }

        // Deletes last, so the resources the other operations address exist while they are fuzzed.
        return [.. operations.OrderBy(o => o.Method == "DELETE").ThenBy(o => o.Path, StringComparer.Ordinal)];
    }

    /// <summary>Follows $ref and folds allOf, so generators see one schema with its properties, items and constraints.</summary>
    public JsonObject Resolve(JsonNode? schema)
    {
        if (schema is null)
        {
            return [];
        }

        var resolved = schema["$ref"] is { } reference
            ? Resolve(document["components"]!["schemas"]![reference.GetValue<string>().Split('/')[^1]])
            : (JsonObject)schema.DeepClone();
        if (resolved["allOf"] is JsonArray all)
        {
            resolved.Remove("allOf");
            foreach (var part in all)
            {
                foreach (var (key, value) in Resolve(part))
                {
                    resolved[key] ??= value?.DeepClone();
                }
            }
        }

        if (resolved["properties"] is JsonObject properties)
        {
            foreach (var name in properties.Select(p => p.Key).ToList())
            {
                properties[name] = Resolve(properties[name]);
            }
        }

        if (resolved["items"] is { } items)
        {
            resolved["items"] = Resolve(items);
        }

        return resolved;
    }
}

public sealed record FuzzOperation(
    string Method, string Path, IReadOnlyList<FuzzParameter> Parameters, string? BodyContentType, JsonObject? BodySchema, bool IsAdmin, bool IsSecured)
{
    public override string ToString() => $"{Method} {Path}";
}

public sealed record FuzzParameter(string Name, string In, bool Required, JsonObject Schema);
