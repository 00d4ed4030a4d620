using EventAgents.Application.Common.Paging;
using EventAgents.Application.Common.Security;
using Mediator;

namespace EventAgents.Application.Webhooks.Queries.ListWebhooks;

public sealed class ListWebhooksQueryHandler(IWebhookStore webhooks, ICurrentPrincipal principal) : IQueryHandler<ListWebhooksQuery, Page<WebhookDto>>
{
    public async ValueTask<Page<WebhookDto>> Handle(ListWebhooksQuery query, CancellationToken cancellationToken)
    {
        var scope = "webhooks:" + principal.TenantId.ToString("N");
        Guid? after = query.Cursor is null ? null : CursorCodec.Decode<Guid>(query.Cursor, scope);
        var rows = await webhooks.ListAsync(principal.TenantId, after, query.Limit + 1, cancellationToken);
        return PageBuilder.ToPage(rows, query.Limit, w => w, w => w.Id, scope);
    }
}
