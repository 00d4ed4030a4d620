using Mediator;

namespace EventAgents.Application.Webhooks.Queries.GetWebhook;

public sealed record GetWebhookQuery(Guid Id) : IQuery<WebhookDto>;
