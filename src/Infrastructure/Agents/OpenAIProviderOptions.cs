namespace EventAgents.Infrastructure.Agents;

/// <summary>
/// The OpenAI-compatible endpoint (OpenAI, Azure OpenAI, Ollama, vLLM, llama.cpp). Secrets come from the environment only;
/// the API never shows the URL or the key.
/// </summary>
public sealed class OpenAIProviderOptions
{
    /// <summary>Base URL including <c>/v1</c>, e.g. <c>http://127.0.0.1:11434/v1</c> for Ollama. Unset: the provider is off.</summary>
    public Uri? BaseUrl { get; set; }

    public string? ApiKey { get; set; }

    /// <summary><c>Authorization</c> (Bearer, the default) or <c>api-key</c> (Azure).</summary>
    public string ApiKeyHeader { get; set; } = "Authorization";

    /// <summary>The model when an agent names none.</summary>
    public string? Model { get; set; }

    /// <summary>Per attempt; a completion may take long.</summary>
    public int TimeoutSeconds { get; set; } = 120;

    /// <summary>Retries of a failed model call inside one run attempt (the only layer that retries model calls).</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>Model calls in flight to this provider from one instance; calls beyond it wait for a slot.</summary>
    public int MaxConcurrentCalls { get; set; } = 256;

    public bool IsConfigured => BaseUrl is not null;
}
