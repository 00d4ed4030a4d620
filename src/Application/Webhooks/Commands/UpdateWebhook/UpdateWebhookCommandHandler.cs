using EventAgents.Application.Common.Outbound;
using EventAgents.Application.Common.Security;
using Mediator;

namespace EventAgents.Application.Webhooks.Commands.UpdateWebhook;

public sealed class UpdateWebhookCommandHandler(IWebhookStore webhooks, IOutboundUrlGuard guard, ICurrentPrincipal principal)
    : ICommandHandler<UpdateWebhookCommand, WebhookDto>
{
    public async ValueTask<WebhookDto> Handle(UpdateWebhookCommand command, CancellationToken cancellationToken)
    {
        if (command.Change.Url is { } url)
        {
            await WebhookTargets.RequireAllowedAsync(guard, url, cancellationToken);
        }

        return await webhooks.UpdateAsync(principal.TenantId, command.Id, command.Change, cancellationToken) ?? throw WebhookErrors.NotFound(command.Id);
    }
}
