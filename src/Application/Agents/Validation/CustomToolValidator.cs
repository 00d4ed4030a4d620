using EventAgents.Application.Agents.Tools;
using EventAgents.Application.Common.Outbound;
using EventAgents.Domain.Agents;
using FluentValidation;

namespace EventAgents.Application.Agents.Validation;

/// <summary>The rules of one partner-defined tool; the agent's validator checks names across tools.</summary>
public sealed class CustomToolValidator : AbstractValidator<CustomTool>
{
    public CustomToolValidator()
    {
        RuleFor(t => t.Name).Must(CustomToolRules.IsValidName)
            .WithMessage("A tool's name has 1–64 of the characters a-z, A-Z, 0-9, _ and -.")
            .Must(n => !CustomToolRules.IsBuiltInName(n)).WithMessage("A built-in tool has this name.");
        RuleFor(t => t.Description).MaximumLength(CustomToolRules.MaxDescriptionLength);
        RuleFor(t => t.Parameters).Custom((parameters, context) =>
        {
            if (ToolArgumentsSchema.Refusal(parameters) is { } refusal)
            {
                context.AddFailure(refusal);
            }
        });
        RuleFor(t => t.RequiresApproval).Must((tool, approval) => !(approval && tool is ClientTool))
            .WithMessage("A client tool is answered by the partner itself; it needs no approval.");
        When(t => t is HttpTool, () =>
        {
            RuleFor(t => ((HttpTool)t).Url).Must(url => OutboundUrls.IsHttpUrl(url, CustomToolRules.MaxUrlLength)).OverridePropertyName("url")
                .WithMessage($"An absolute http or https URL of at most {CustomToolRules.MaxUrlLength} characters, without user info.");
            RuleFor(t => ((HttpTool)t).TimeoutSeconds).InclusiveBetween(1, CustomToolRules.MaxTimeoutSeconds).OverridePropertyName("timeoutSeconds");
        });
    }
}
