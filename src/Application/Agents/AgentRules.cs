using EventAgents.Application.Common.Outbound;
using EventAgents.Domain.Agents;
using EventAgents.Domain.Common;

namespace EventAgents.Application.Agents;

internal static class AgentRules
{
    public static void RequireProvider(IModelProviders providers, string provider)
    {
        if (!providers.IsAvailable(provider))
        {
            throw new DomainRuleException(
                $"The model provider '{provider}' is not configured on this deployment (provider-not-configured).");
        }
    }

    /// <summary>The SSRF guard on the agent's http tools when it is written (it runs again at every connection).</summary>
    public static async Task RequireAllowedToolUrlsAsync(IOutboundUrlGuard guard, AgentSettings settings, CancellationToken cancellationToken)
    {
        foreach (var tool in settings.EffectiveCustomTools.OfType<IRemoteTool>())
        {
            if (await guard.RefusalAsync(new Uri(tool.Url), cancellationToken) is { } refusal)
            {
                throw new DomainRuleException($"The URL of the tool '{tool.Name}' is refused: {refusal}.");
            }
        }
    }
}
