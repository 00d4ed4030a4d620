using EventAgents.Application.Common.Outbound;
using EventAgents.Application.Common.Quotas;
using EventAgents.Application.Common.Security;
using Mediator;
using Microsoft.Extensions.Options;

namespace EventAgents.Application.Webhooks.Commands.CreateWebhook;

/// <summary>Subscribes to the tenant's events from now on; the target must pass the SSRF guard.</summary>
public sealed class CreateWebhookCommandHandler(
    IWebhookStore webhooks, IOutboundUrlGuard guard, ICurrentPrincipal principal, TimeProvider clock, IOptions<QuotaOptions> quotas)
    : ICommandHandler<CreateWebhookCommand, CreatedWebhookDto>
{
    public async ValueTask<CreatedWebhookDto> Handle(CreateWebhookCommand command, CancellationToken cancellationToken)
    {
        await WebhookTargets.RequireAllowedAsync(guard, command.Settings.Url!, cancellationToken);
        var secret = WebhookSecrets.New();
        var webhook = await webhooks.CreateAsync(
            principal.TenantId, Guid.CreateVersion7(clock.GetUtcNow()), command.Settings, secret, principal.Scopes, quotas.Value.MaxWebhooksPerTenant, cancellationToken)
            ?? throw QuotaErrors.Webhooks(quotas.Value.MaxWebhooksPerTenant);
        return new CreatedWebhookDto(webhook, secret);
    }
}
