using System.Text.Json;

namespace EventAgents.Application.Common.Json;

/// <summary>Text that may or may not be JSON (a model's answer, a tool's response), as a JSON value.</summary>
public static class JsonText
{
    /// <summary>The text itself when it is one JSON value, else the text as a JSON string.</summary>
    public static string AsJsonValue(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.GetRawText();
        }
        catch (JsonException)
        {
            return JsonSerializer.Serialize(text, JsonDefaults.Web);
        }
    }
}
