using Mediator;

namespace EventAgents.Application.Webhooks.Commands.DeleteWebhook;

public sealed record DeleteWebhookCommand(Guid Id) : ICommand;
