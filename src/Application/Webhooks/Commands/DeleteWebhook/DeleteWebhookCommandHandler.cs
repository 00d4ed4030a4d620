using EventAgents.Application.Common.Security;
using Mediator;

namespace EventAgents.Application.Webhooks.Commands.DeleteWebhook;

public sealed class DeleteWebhookCommandHandler(IWebhookStore webhooks, ICurrentPrincipal principal) : ICommandHandler<DeleteWebhookCommand>
{
    public async ValueTask<Unit> Handle(DeleteWebhookCommand command, CancellationToken cancellationToken) =>
        await webhooks.DeleteAsync(principal.TenantId, command.Id, cancellationToken) ? Unit.Value : throw WebhookErrors.NotFound(command.Id);
}
