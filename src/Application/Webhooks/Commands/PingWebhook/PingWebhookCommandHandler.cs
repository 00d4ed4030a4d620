using EventAgents.Application.Common.Security;
using Mediator;

namespace EventAgents.Application.Webhooks.Commands.PingWebhook;

public sealed class PingWebhookCommandHandler(IWebhookStore webhooks, IWebhookSender sender, ICurrentPrincipal principal)
    : ICommandHandler<PingWebhookCommand, PingResultDto>
{
    public async ValueTask<PingResultDto> Handle(PingWebhookCommand command, CancellationToken cancellationToken)
    {
        _ = await webhooks.GetAsync(principal.TenantId, command.Id, cancellationToken) ?? throw WebhookErrors.NotFound(command.Id);
        return await sender.PingAsync(principal.TenantId, command.Id, cancellationToken);
    }
}
