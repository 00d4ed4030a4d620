using System.Text.Json;

namespace EventAgents.Application.Common.Json;

public static class JsonDefaults
{
    /// <summary>camelCase, as the API writes JSON.</summary>
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}
