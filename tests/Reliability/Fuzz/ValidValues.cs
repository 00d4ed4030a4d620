using System.Globalization;
using System.Text.Json.Nodes;

namespace EventAgents.Reliability.Fuzz;

/// <summary>Plausible values for a schema: what a well-behaved client would send, the starting point of every mutation.</summary>
public sealed class ValidValues(Random random, FuzzFixtures fixtures)
{
    public JsonNode? For(JsonObject schema, string? name = null, int depth = 0)
    {
        if (schema["enum"] is JsonArray values && values.Count > 0)
        {
            return values[random.Next(values.Count)]?.DeepClone();
        }

        return (schema["type"]?.GetValue<string>(), schema["format"]?.GetValue<string>()) switch
        {
            ("string", "uuid") => fixtures.IdFor(name) ?? Guid.CreateVersion7().ToString(),
            ("string", "date-time") => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ("string", "uri") => "http://127.0.0.1:9/hook",
            ("string", _) => fixtures.IdFor(name) ?? StringFor(name),
            ("integer", _) => random.Next(1, 50),
            ("number", _) => Math.Round(random.NextDouble() * 10, 2),
            ("boolean", _) => random.Next(2) == 0,
            ("array", _) => depth > 4 ? new JsonArray() : new JsonArray(
                [.. Enumerable.Range(0, random.Next(1, 3)).Select(_ => For((JsonObject?)schema["items"] ?? [], name, depth + 1))]),
            ("object", _) or (null, _) when schema["properties"] is JsonObject properties => ObjectFor(schema, properties, depth),
            _ => new JsonObject { ["note"] = "fuzz", ["n"] = random.Next(100) },
        };
    }

    private JsonObject ObjectFor(JsonObject schema, JsonObject properties, int depth)
    {
        var required = (schema["required"]?.AsArray() ?? []).Select(r => r!.GetValue<string>()).ToHashSet();
        var result = new JsonObject();
        foreach (var (name, property) in properties)
        {
            if (depth < 4 && (required.Contains(name) || random.Next(3) > 0))
            {
                result[name] = For((JsonObject)property!, name, depth + 1);
            }
        }

        return result;
    }

    private string StringFor(string? name) => name switch
    {
        "type" => "fuzz.happened",
        "provider" => random.Next(2) == 0 ? "echo" : "openai",
        "grant_type" => "client_credentials",
        "direction" => random.Next(2) == 0 ? "forward" : "backward",
        "order" => "asc",
        "eventTypes" or "eventType" => "fuzz.happened",
        "kind" => random.Next(2) == 0 ? "events" : "collections",
        "version" => random.Next(2) == 0 ? "latest" : "1",
        "compatibility" => random.Next(2) == 0 ? "backward" : "none",
        "enforcement" => random.Next(3) switch { 0 => "off", 1 => "warn", _ => "enforce" },
        _ => $"fuzz-{random.Next(1000)}",
    };
}
