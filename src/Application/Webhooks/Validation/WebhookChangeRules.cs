using EventAgents.Application.Common.Outbound;
using EventAgents.Domain.Events;
using EventAgents.Domain.Webhooks;
using FluentValidation;

namespace EventAgents.Application.Webhooks.Validation;

/// <summary>The rules of a subscription's settings, shared by create (all required) and update (each optional).</summary>
public static class WebhookChangeRules
{
    public static void AddTo<T>(AbstractValidator<T> validator, Func<T, WebhookChange> change, bool create)
    {
        validator.RuleFor(x => change(x).Url).Must(url => (!create && url is null) || OutboundUrls.IsHttpUrl(url, WebhookRules.MaxUrlLength))
            .OverridePropertyName("url").WithMessage($"An absolute http or https URL of at most {WebhookRules.MaxUrlLength} characters.");
        validator.RuleFor(x => change(x).EventTypes)
            .Must(types => (!create && types is null) || (types is { Count: > 0 and <= WebhookRules.MaxEventTypes } && types.All(t => t == WebhookRules.AnyEventType || EventType.IsValid(t))))
            .OverridePropertyName("eventTypes").WithMessage($"1–{WebhookRules.MaxEventTypes} event types (or \"*\" for all).");
        validator.RuleFor(x => change(x).StreamPrefix)
            .Must(p => string.IsNullOrEmpty(p) || (p.Length <= StreamId.MaxLength && StreamId.IsValid("x" + p)))
            .OverridePropertyName("streamPrefix").WithMessage("Not a valid stream id prefix.");
        validator.RuleFor(x => change(x).Description).MaximumLength(WebhookRules.MaxDescriptionLength).OverridePropertyName("description");
    }
}
