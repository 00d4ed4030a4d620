using Mediator;

namespace EventAgents.Application.Webhooks.Commands.UpdateWebhook;

/// <summary>Changes a subscription's url, event types, stream prefix, description or enabled state; re-enabling resets its failure count.</summary>
public sealed record UpdateWebhookCommand(Guid Id, WebhookChange Change) : ICommand<WebhookDto>;
