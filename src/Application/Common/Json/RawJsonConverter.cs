using System.Text.Json;
using System.Text.Json.Serialization;

namespace EventAgents.Application.Common.Json;

public sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new RawJson(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(document.RootElement).ToArray());
    }

    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options)
    {
        if (value.IsEmpty)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteRawValue(value.Utf8, skipInputValidation: true);
        }
    }
}
