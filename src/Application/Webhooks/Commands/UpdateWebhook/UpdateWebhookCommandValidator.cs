using EventAgents.Application.Webhooks.Validation;
using FluentValidation;

namespace EventAgents.Application.Webhooks.Commands.UpdateWebhook;

public sealed class UpdateWebhookCommandValidator : AbstractValidator<UpdateWebhookCommand>
{
    public UpdateWebhookCommandValidator() => WebhookChangeRules.AddTo(this, c => c.Change, create: false);
}
