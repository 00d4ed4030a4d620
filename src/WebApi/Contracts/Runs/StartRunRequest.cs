using System.Text.Json;

namespace EventAgents.WebApi.Contracts.Runs;

/// <summary>The input of a run.</summary>
/// <param name="Input">Any JSON value; the model receives it as the user message.</param>
public sealed record StartRunRequest(JsonElement Input);
