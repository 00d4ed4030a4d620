using EventAgents.Application.Common.Paging;
using Mediator;

namespace EventAgents.Application.Webhooks.Queries.ListWebhooks;

public sealed record ListWebhooksQuery(int Limit, string? Cursor) : IPagedQuery, IQuery<Page<WebhookDto>>;
