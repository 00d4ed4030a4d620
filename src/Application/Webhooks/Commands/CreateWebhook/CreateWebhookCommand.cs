using Mediator;

namespace EventAgents.Application.Webhooks.Commands.CreateWebhook;

public sealed record CreateWebhookCommand(WebhookChange Settings) : ICommand<CreatedWebhookDto>;
