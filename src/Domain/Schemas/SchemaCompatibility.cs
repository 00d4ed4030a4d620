using System.Text.Json;

namespace EventAgents.Domain.Schemas;

/// <summary>
/// Decides whether a candidate JSON Schema may follow a subject's earlier versions under a compatibility mode
/// (docs/schemas.md lists every rule with an example). "Compatible" means: every instance the writer's schema accepts, the
/// reader's schema accepts too — backward compares old data (writer = an earlier version) with the new schema as reader,
/// forward new data with an earlier version as reader. The rules are sound for the keywords they understand and refuse
/// what they cannot decide: a change under a combinator or reference (<c>$ref</c>, <c>anyOf</c>, <c>oneOf</c>, <c>allOf</c>,
/// <c>not</c>, <c>if</c>, …) is reported as <c>undecidable</c>, never waved through.
/// </summary>
public static class SchemaCompatibility
{
    /// <summary>Every incompatibility of <paramref name="candidate"/> with the versions the mode compares it with; empty when compatible.</summary>
    /// <param name="earlier">The subject's versions, oldest first.</param>
    public static IReadOnlyList<SchemaIncompatibility> Check(
        IReadOnlyList<(int Version, JsonElement Schema)> earlier, JsonElement candidate, CompatibilityMode mode)
    {
        if (mode == CompatibilityMode.None || earlier.Count == 0)
        {
            return [];
        }

        var found = new List<SchemaIncompatibility>();
        var compared = mode.IsTransitive() ? earlier : [earlier[^1]];
        foreach (var (version, schema) in compared)
        {
            if (mode.ChecksBackward())
            {
                new Comparison(version, ReaderIsNew: true, found).Compare(writer: schema, reader: candidate, string.Empty);
            }

            if (mode.ChecksForward())
            {
                new Comparison(version, ReaderIsNew: false, found).Compare(writer: candidate, reader: schema, string.Empty);
            }
        }

        return found;
    }

    private static readonly string[] Undecidable =
    [
        "$ref", "$dynamicRef", "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas", "dependentRequired",
        "patternProperties", "propertyNames", "unevaluatedProperties", "unevaluatedItems", "prefixItems", "contains",
    ];

    private static readonly string[] LowerBounds = ["minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties"];

    private static readonly string[] UpperBounds = ["maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties"];

    /// <summary>One direction of one comparison; findings name the change as seen from the earlier version to the candidate.</summary>
    private sealed record Comparison(int Version, bool ReaderIsNew, List<SchemaIncompatibility> Found)
    {
        private string Direction => ReaderIsNew ? "backward" : "forward";

        private string Reader => ReaderIsNew ? "The new schema" : $"Version {Version}";

        private string Writer => ReaderIsNew ? $"version {Version}" : "the new schema";

        public void Compare(JsonElement writer, JsonElement reader, string path)
        {
            if (AcceptsEverything(reader) || writer.ValueKind == JsonValueKind.False || JsonElement.DeepEquals(writer, reader))
            {
                return;
            }

            if (reader.ValueKind == JsonValueKind.False)
            {
                Add("schema-refuses-all", "schema-accepts-all", path, $"{Reader} accepts nothing at {At(path)}, but {Writer} accepts values there.");
                return;
            }

            if (writer.ValueKind != JsonValueKind.Object || reader.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            if ((FirstUndecidable(writer) ?? FirstUndecidable(reader)) is { } keyword)
            {
                Add("undecidable", "undecidable", path,
                    $"The schemas differ at {At(path)}, which uses '{keyword}': changes under it cannot be checked, so they count as incompatible.");
                return;
            }

            var writerTypes = TypesOf(writer);
            var readerTypes = TypesOf(reader);
            CompareTypes(writerTypes, readerTypes, path);
            CompareValues(writer, reader, path);
            CompareBounds(writer, reader, path);
            if (Includes(readerTypes, "object") && Includes(writerTypes, "object"))
            {
                CompareObjects(writer, reader, path);
            }

            if (Includes(readerTypes, "array") && Includes(writerTypes, "array") && reader.TryGetProperty("items", out var readerItems))
            {
                Compare(writer.TryGetProperty("items", out var writerItems) ? writerItems : True, readerItems, path + "/items");
            }
        }

        private void CompareTypes(HashSet<string>? writerTypes, HashSet<string>? readerTypes, string path)
        {
            if (readerTypes is null)
            {
                return;
            }

            if (writerTypes is null)
            {
                Add("type-narrowed", "type-widened", path + "/type",
                    $"{Reader} accepts only {string.Join(", ", readerTypes.Order())} at {At(path)}, but {Writer} accepts any type there.");
                return;
            }

            var lost = writerTypes.Where(type => !Includes(readerTypes, type)).Order().ToList();
            if (lost.Count > 0)
            {
                Add("type-narrowed", "type-widened", path + "/type",
                    $"{Reader} does not accept {string.Join(", ", lost)} at {At(path)}, which {Writer} accepts.");
            }
        }

        private void CompareValues(JsonElement writer, JsonElement reader, string path)
        {
            if (ListedValues(reader) is not { } allowed)
            {
                return;
            }

            if (ListedValues(writer) is not { } written)
            {
                Add("enum-added", "enum-removed", path + "/enum",
                    $"{Reader} allows only listed values at {At(path)}, but {Writer} allows any value there.");
                return;
            }

            foreach (var value in written.Where(value => !allowed.Any(a => JsonElement.DeepEquals(a, value))))
            {
                Add("enum-value-removed", "enum-value-added", path + "/enum",
                    $"{Reader} does not allow the value {value.GetRawText()} at {At(path)}, which {Writer} allows.");
            }
        }

        private void CompareBounds(JsonElement writer, JsonElement reader, string path)
        {
            foreach (var (keyword, lower) in LowerBounds.Select(k => (k, true)).Concat(UpperBounds.Select(k => (k, false))))
            {
                if (!reader.TryGetProperty(keyword, out var bound) || bound.ValueKind != JsonValueKind.Number)
                {
                    continue;
                }

                var narrower = !writer.TryGetProperty(keyword, out var written) || written.ValueKind != JsonValueKind.Number
                    || (lower ? bound.GetDecimal() > written.GetDecimal() : bound.GetDecimal() < written.GetDecimal());
                if (narrower)
                {
                    Add("range-narrowed", "range-widened", path + "/" + keyword,
                        $"{Reader} has {keyword} {bound.GetRawText()} at {At(path)}; {Writer} allows values outside it.");
                }
            }

            if (reader.TryGetProperty("multipleOf", out var step) && step.ValueKind == JsonValueKind.Number
                && !(writer.TryGetProperty("multipleOf", out var writtenStep) && writtenStep.ValueKind == JsonValueKind.Number
                    && writtenStep.GetDecimal() % step.GetDecimal() == 0))
            {
                Add("range-narrowed", "range-widened", path + "/multipleOf",
                    $"{Reader} requires multiples of {step.GetRawText()} at {At(path)}; {Writer} allows other numbers.");
            }

            if (reader.TryGetProperty("uniqueItems", out var unique) && unique.ValueKind == JsonValueKind.True
                && !(writer.TryGetProperty("uniqueItems", out var writtenUnique) && writtenUnique.ValueKind == JsonValueKind.True))
            {
                Add("range-narrowed", "range-widened", path + "/uniqueItems",
                    $"{Reader} requires unique items at {At(path)}; {Writer} allows duplicates.");
            }

            if (reader.TryGetProperty("pattern", out var pattern)
                && !(writer.TryGetProperty("pattern", out var writtenPattern) && JsonElement.DeepEquals(pattern, writtenPattern)))
            {
                Add("pattern-changed", "pattern-changed", path + "/pattern",
                    $"{Reader} requires the pattern {pattern.GetRawText()} at {At(path)}; {Writer} does not (regular expressions are compared as text).");
            }
        }

        private void CompareObjects(JsonElement writer, JsonElement reader, string path)
        {
            var writerProperties = PropertiesOf(writer);
            var readerProperties = PropertiesOf(reader);
            var writerOpen = AdditionalOf(writer);
            var readerOpen = AdditionalOf(reader);

            var writerRequired = RequiredOf(writer);
            foreach (var name in RequiredOf(reader).Where(name => !writerRequired.Contains(name)))
            {
                var hasDefault = readerProperties.TryGetValue(name, out var property)
                    && property.ValueKind == JsonValueKind.Object && property.TryGetProperty("default", out _);
                if (!hasDefault)
                {
                    Add("required-property-added", "required-property-removed", path + "/required",
                        $"{Reader} requires '{name}' at {At(path)} without a default, but {Writer} does not require it.");
                }
            }

            foreach (var (name, written) in writerProperties)
            {
                var at = path + "/properties/" + Escape(name);
                if (readerProperties.TryGetValue(name, out var read))
                {
                    Compare(written, read, at);
                }
                else if (readerOpen.ValueKind == JsonValueKind.False)
                {
                    Add("property-removed", "property-added", at,
                        $"{Reader} does not allow '{name}' at {At(path)} (additionalProperties is false), which {Writer} allows.");
                }
                else
                {
                    Compare(written, readerOpen, at);
                }
            }

            // A property only the reader describes, in a writer that is open: the writer's data was never checked there, so
            // this trusts that writers did not send undeclared properties (docs/schemas.md, "open content").
            foreach (var (name, read) in readerProperties.Where(p => !writerProperties.ContainsKey(p.Key)))
            {
                if (writerOpen.ValueKind == JsonValueKind.Object && !AcceptsEverything(writerOpen))
                {
                    Compare(writerOpen, read, path + "/properties/" + Escape(name));
                }
            }

            if (readerOpen.ValueKind == JsonValueKind.False && writerOpen.ValueKind != JsonValueKind.False)
            {
                Add("content-model-closed", "content-model-opened", path + "/additionalProperties",
                    $"{Reader} allows no other properties at {At(path)} (additionalProperties is false), but {Writer} does.");
            }
            else if (writerOpen.ValueKind != JsonValueKind.False)
            {
                Compare(writerOpen, readerOpen, path + "/additionalProperties");
            }
        }

        private void Add(string kindWhenReaderIsNew, string kindWhenReaderIsOld, string path, string message) =>
            Found.Add(new SchemaIncompatibility(Version, Direction, ReaderIsNew ? kindWhenReaderIsNew : kindWhenReaderIsOld, path, message));
    }

    private static readonly JsonElement True = JsonDocument.Parse("true").RootElement;

    private static string At(string path) => path.Length == 0 ? "the root" : path;

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static bool AcceptsEverything(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.True || (schema.ValueKind == JsonValueKind.Object && !schema.EnumerateObject().Any(p => IsAssertion(p.Name)));

    /// <summary>Keywords that only annotate (never refuse an instance).</summary>
    private static bool IsAssertion(string keyword) => keyword is not (
        "$schema" or "$id" or "$comment" or "$defs" or "$anchor" or "title" or "description" or "default" or "examples" or "deprecated"
        or "readOnly" or "writeOnly" or "format" or "contentMediaType" or "contentEncoding");

    private static string? FirstUndecidable(JsonElement schema) => Undecidable.FirstOrDefault(keyword => schema.TryGetProperty(keyword, out _));

    /// <summary>The types the schema allows; null for any. A schema without <c>type</c> but with listed values allows their types.</summary>
    private static HashSet<string>? TypesOf(JsonElement schema)
    {
        if (schema.TryGetProperty("type", out var type))
        {
            return type.ValueKind switch
            {
                JsonValueKind.String => new HashSet<string>(StringComparer.Ordinal) { type.GetString()! },
                JsonValueKind.Array => type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToHashSet(StringComparer.Ordinal),
                _ => null,
            };
        }

        return ListedValues(schema)?.Select(TypeOf).ToHashSet(StringComparer.Ordinal);
    }

    private static string TypeOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => value.TryGetInt64(out _) || value.GetDouble() % 1 == 0 ? "integer" : "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    /// <summary>Whether a value of <paramref name="type"/> is allowed by <paramref name="types"/> (an integer is a number).</summary>
    private static bool Includes(HashSet<string>? types, string type) =>
        types is null || types.Contains(type) || (type == "integer" && types.Contains("number"));

    private static List<JsonElement>? ListedValues(JsonElement schema) =>
        schema.TryGetProperty("const", out var constant) ? [constant]
        : schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array ? values.EnumerateArray().ToList()
        : null;

    private static Dictionary<string, JsonElement> PropertiesOf(JsonElement schema) =>
        schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
            ? properties.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal)
            : new Dictionary<string, JsonElement>(StringComparer.Ordinal);

    private static JsonElement AdditionalOf(JsonElement schema) =>
        schema.TryGetProperty("additionalProperties", out var additional) ? additional : True;

    private static HashSet<string> RequiredOf(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array
            ? required.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!).ToHashSet(StringComparer.Ordinal)
            : [];
}
