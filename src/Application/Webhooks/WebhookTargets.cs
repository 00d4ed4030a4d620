using EventAgents.Application.Common.Outbound;
using EventAgents.Domain.Common;

namespace EventAgents.Application.Webhooks;

internal static class WebhookTargets
{
    public static async Task RequireAllowedAsync(IOutboundUrlGuard guard, string url, CancellationToken cancellationToken)
    {
        if (await guard.RefusalAsync(new Uri(url), cancellationToken) is { } refusal)
        {
            throw new DomainRuleException($"The webhook URL is refused: {refusal}.");
        }
    }
}
