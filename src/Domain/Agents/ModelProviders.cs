namespace EventAgents.Domain.Agents;

/// <summary>Where an agent's model runs: any OpenAI-compatible endpoint configured by the operator, or the built-in echo model.</summary>
public static class ModelProviders
{
    public const string OpenAI = "openai";
    public const string Echo = "echo";

    public static readonly IReadOnlyList<string> All = [OpenAI, Echo];
}
