using System.Text.Json;

namespace EventAgents.Application.Common.Json;

public static class JsonUnicode
{
    public const string Message = "Strings may not contain an unpaired surrogate escape (\\ud800-\\udfff).";

    /// <summary>Scans the value the reader is on, to its end, decoding every escaped string and property name.</summary>
    public static void ThrowIfInvalid(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            Check(ref reader);
            return;
        }

        var depth = reader.CurrentDepth;
        while (reader.Read() && !(reader.CurrentDepth == depth && reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray))
        {
            Check(ref reader);
        }
    }

    private static void Check(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName) || !reader.ValueIsEscaped)
        {
            return;
        }

        try
        {
            _ = reader.GetString();
        }
        catch (InvalidOperationException)
        {
            throw new JsonException(Message);
        }
    }
}
