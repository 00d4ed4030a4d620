using EventAgents.Application.Common.Paging;
using Mediator;

namespace EventAgents.Application.Webhooks.Queries.ListDeliveries;

public sealed record ListDeliveriesQuery(Guid WebhookId, string? Status, int Limit, string? Cursor) : IPagedQuery, IQuery<Page<DeliveryDto>>;
