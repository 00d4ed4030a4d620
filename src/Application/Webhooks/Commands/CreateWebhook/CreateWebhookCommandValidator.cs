using EventAgents.Application.Webhooks.Validation;
using FluentValidation;

namespace EventAgents.Application.Webhooks.Commands.CreateWebhook;

public sealed class CreateWebhookCommandValidator : AbstractValidator<CreateWebhookCommand>
{
    public CreateWebhookCommandValidator() => WebhookChangeRules.AddTo(this, c => c.Settings, create: true);
}
