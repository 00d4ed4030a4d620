using Mediator;

namespace EventAgents.Application.Webhooks.Commands.RotateWebhookSecret;

public sealed record RotateWebhookSecretCommand(Guid Id) : ICommand<WebhookSecretDto>;
