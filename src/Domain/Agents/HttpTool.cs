using System.Text.Json.Serialization;

namespace EventAgents.Domain.Agents;

/// <summary>
/// A partner function: the service POSTs the model's arguments (as the JSON body) to <see cref="Url"/>, signed like a
/// webhook with the agent's tool secret; the response body is the tool's result.
/// </summary>
public sealed record HttpTool : CustomTool, IRemoteTool
{
    public const string Kind = "http";

    /// <summary>An absolute http(s) URL outside the service's private networks.</summary>
    public string Url { get; init; } = string.Empty;

    /// <summary>1–60 seconds, default 10.</summary>
    public int? TimeoutSeconds { get; init; }

    [JsonIgnore]
    public int EffectiveTimeoutSeconds => TimeoutSeconds ?? CustomToolRules.DefaultTimeoutSeconds;
}
