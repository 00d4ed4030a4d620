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
}
