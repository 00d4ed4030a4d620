using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EventAgents.WebApi.IntegrationTests.Infrastructure;

/// <summary>Agent and run calls shared by the agent tests.</summary>
public static class AgentsApi
{
    public static readonly string[] AllAgentScopes =
        ["agents:read", "agents:write", "agents:run", "documents:read", "documents:write", "events:read", "events:write"];

    /// <summary>A minimal valid agent body on the echo model, with overrides.</summary>
    public static Dictionary<string, object?> Agent(string name = "triage", Action<Dictionary<string, object?>>? change = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["name"] = name,
            ["instructions"] = "Echo what you are given.",
            ["model"] = new { provider = "echo" },
        };
        change?.Invoke(body);
        return body;
    }

    public static async Task<JsonElement> CreateAgentOkAsync(this HttpClient http, Dictionary<string, object?> body)
    {
        var response = await http.PostAsJsonAsync("/api/v1/agents", body);
        var json = await response.ReadJsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), json.ToString());
        return json;
    }
}
