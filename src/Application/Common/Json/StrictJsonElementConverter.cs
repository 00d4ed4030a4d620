using System.Text.Json;
using System.Text.Json.Serialization;

namespace EventAgents.Application.Common.Json;

/// <summary>
/// Reads a <see cref="JsonElement"/> only when every string in it is valid Unicode. System.Text.Json accepts an unpaired
/// surrogate escape such as <c>"\ud800"</c> while parsing and fails only when the string is read, and PostgreSQL's jsonb
/// refuses it; both were 500s. The failure becomes a <see cref="JsonException"/>, which the input formatter turns into a 400.
/// </summary>
public sealed class StrictJsonElementConverter : JsonConverter<JsonElement>
{
    // The built-in converter does the parsing, so the serializer's options (AllowDuplicateProperties, MaxDepth) still apply.
    private static readonly JsonConverter<JsonElement> BuiltIn =
        (JsonConverter<JsonElement>)JsonSerializerOptions.Default.GetConverter(typeof(JsonElement));

    public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var scan = reader;
        JsonUnicode.ThrowIfInvalid(ref scan);
        return BuiltIn.Read(ref reader, typeToConvert, options);
    }

    public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options) => value.WriteTo(writer);
}
