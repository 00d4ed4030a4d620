using System.Text.Json.Serialization;

namespace EventAgents.Domain.Agents;

/// <summary>
/// A remote Model Context Protocol server (streamable HTTP) and the tools the agent may use from it: an allow-list, never
/// "all". The model sees each as <c>{name}_{tool}</c> with the description and input schema the server lists.
/// </summary>
public sealed record McpTool : CustomTool, IRemoteTool
{
    public const string Kind = "mcp";

    /// <summary>The server's MCP endpoint, an absolute http(s) URL outside the service's private networks.</summary>
    public string Url { get; init; } = string.Empty;

    /// <summary>The server's tools the agent may call, 1–32 names of 1–64 of <c>a-z A-Z 0-9 _ -</c>.</summary>
    public IReadOnlyList<string> AllowedTools { get; init; } = [];

    /// <summary>
    /// Authenticate to the server with the agent's tool secret: <c>Authorization: Bearer {toolSecret}</c> (the secret shown when
    /// the agent was created, or last rotated), for servers that check who calls them.
    /// </summary>
    public bool? SendToolSecret { get; init; }

    /// <summary>1–60 seconds per call (and for connecting), default 10.</summary>
    public int? TimeoutSeconds { get; init; }

    [JsonIgnore]
    public int EffectiveTimeoutSeconds => TimeoutSeconds ?? CustomToolRules.DefaultTimeoutSeconds;

    /// <summary>What the model calls one of this server's tools.</summary>
    public string WireNameOf(string tool) => $"{Name}_{tool}";

    /// <summary>The server tool behind a name the model called, if it is one of this server's allowed tools.</summary>
    public string? ToolOf(string wireName) =>
        AllowedTools.FirstOrDefault(tool => WireNameOf(tool) == wireName);
}
