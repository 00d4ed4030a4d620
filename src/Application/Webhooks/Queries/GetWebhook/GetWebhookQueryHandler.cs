using EventAgents.Application.Common.Security;
using Mediator;

namespace EventAgents.Application.Webhooks.Queries.GetWebhook;

public sealed class GetWebhookQueryHandler(IWebhookStore webhooks, ICurrentPrincipal principal) : IQueryHandler<GetWebhookQuery, WebhookDto>
{
    public async ValueTask<WebhookDto> Handle(GetWebhookQuery query, CancellationToken cancellationToken) =>
        await webhooks.GetAsync(principal.TenantId, query.Id, cancellationToken) ?? throw WebhookErrors.NotFound(query.Id);
}
