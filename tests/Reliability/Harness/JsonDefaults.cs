using System.Text.Json;

namespace EventAgents.Reliability.Harness;

public static class JsonDefaults
{
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}
