using EventAgents.Application.Common.Paging;
using EventAgents.Application.Common.Security;
using Mediator;

namespace EventAgents.Application.Webhooks.Queries.ListDeliveries;

/// <summary>Newest first.</summary>
public sealed class ListDeliveriesQueryHandler(IWebhookStore webhooks, ICurrentPrincipal principal) : IQueryHandler<ListDeliveriesQuery, Page<DeliveryDto>>
{
    public async ValueTask<Page<DeliveryDto>> Handle(ListDeliveriesQuery query, CancellationToken cancellationToken)
    {
        _ = await webhooks.GetAsync(principal.TenantId, query.WebhookId, cancellationToken) ?? throw WebhookErrors.NotFound(query.WebhookId);
        var scope = $"deliveries:{principal.TenantId:N}:{query.WebhookId:N}:{query.Status}";
        Guid? before = query.Cursor is null ? null : CursorCodec.Decode<Guid>(query.Cursor, scope);
        var rows = await webhooks.ListDeliveriesAsync(principal.TenantId, query.WebhookId, query.Status, before, query.Limit + 1, cancellationToken);
        return PageBuilder.ToPage(rows, query.Limit, d => d, d => d.Id, scope);
    }
}
