using System.ClientModel;
using System.ClientModel.Primitives;
using EventAgents.Domain.Agents;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;

namespace EventAgents.Infrastructure.Agents.Execution;

/// <summary>
/// The provider's chat client for an agent's model. For <c>openai</c> exactly one layer retries model calls (the SDK's
/// retry policy, <c>Agents__OpenAI__MaxRetries</c>), with a per-attempt network timeout that fits real completions; the
/// run's own deadline bounds everything.
/// </summary>
internal sealed class ChatClientFactory(IOptions<AgentsOptions> options) : IDisposable
{
    private const string PlaceholderKey = "not-needed";

    private readonly Lazy<OpenAIClient?> _openAI = new(() => CreateOpenAI(options.Value.OpenAI));

    private readonly SemaphoreSlim _openAISlots = new(Math.Max(1, options.Value.OpenAI.MaxConcurrentCalls));

    public IChatClient Create(AgentModel model)
    {
        if (model.Provider == ModelProviders.Echo)
        {
            return new EchoChatClient();
        }

        var settings = options.Value.OpenAI;
        var client = _openAI.Value ?? throw new ModelProviderNotConfiguredException(model.Provider);
        var name = model.Name ?? settings.Model ?? throw new ModelProviderNotConfiguredException(model.Provider);
        return new ConcurrencyLimitedChatClient(client.GetChatClient(name).AsIChatClient(), _openAISlots);
    }

    public void Dispose() => _openAISlots.Dispose();

    private static OpenAIClient? CreateOpenAI(OpenAIProviderOptions settings)
    {
        if (settings.BaseUrl is null)
        {
            return null;
        }

        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = settings.BaseUrl,
            NetworkTimeout = TimeSpan.FromSeconds(settings.TimeoutSeconds),
            RetryPolicy = new ClientRetryPolicy(Math.Max(0, settings.MaxRetries)),
        };
        var key = string.IsNullOrEmpty(settings.ApiKey) ? PlaceholderKey : settings.ApiKey;
        if (!string.Equals(settings.ApiKeyHeader, "Authorization", StringComparison.OrdinalIgnoreCase))
        {
            clientOptions.AddPolicy(new ApiKeyHeaderPolicy(settings.ApiKeyHeader, key), PipelinePosition.PerCall);
        }

        return new OpenAIClient(new ApiKeyCredential(key), clientOptions);
    }
}

/// <summary>An agent names a provider this deployment has no settings for.</summary>
internal sealed class ModelProviderNotConfiguredException(string provider)
    : Exception($"The model provider '{provider}' is not configured (or has no model name).");
