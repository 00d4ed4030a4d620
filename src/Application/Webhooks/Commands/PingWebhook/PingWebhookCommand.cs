using Mediator;

namespace EventAgents.Application.Webhooks.Commands.PingWebhook;

public sealed record PingWebhookCommand(Guid Id) : ICommand<PingResultDto>;
