using EventAgents.Application.Common.Paging;
using FluentValidation;

namespace EventAgents.Application.Webhooks.Queries.ListWebhooks;

public sealed class ListWebhooksQueryValidator : PagedQueryValidator<ListWebhooksQuery>;
