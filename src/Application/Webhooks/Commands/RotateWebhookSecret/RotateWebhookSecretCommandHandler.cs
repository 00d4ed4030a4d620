using EventAgents.Application.Common.Security;
using Mediator;

namespace EventAgents.Application.Webhooks.Commands.RotateWebhookSecret;

public sealed class RotateWebhookSecretCommandHandler(IWebhookStore webhooks, ICurrentPrincipal principal)
    : ICommandHandler<RotateWebhookSecretCommand, WebhookSecretDto>
{
    public async ValueTask<WebhookSecretDto> Handle(RotateWebhookSecretCommand command, CancellationToken cancellationToken)
    {
        var secret = WebhookSecrets.New();
        return await webhooks.SetSecretAsync(principal.TenantId, command.Id, secret, cancellationToken)
            ? new WebhookSecretDto(secret)
            : throw WebhookErrors.NotFound(command.Id);
    }
}
