using EventAgents.Application.Common.Exceptions;

namespace EventAgents.Application.Webhooks;

public static class WebhookErrors
{
    public static NotFoundException NotFound(Guid id) => new("Webhook", id.ToString());
}
