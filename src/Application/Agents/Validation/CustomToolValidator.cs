using EventAgents.Application.Agents.Tools;
using EventAgents.Application.Common.Outbound;
using EventAgents.Domain.Agents;
using FluentValidation;

namespace EventAgents.Application.Agents.Validation;

/// <summary>The rules of one partner-defined tool; the agent's validator checks names across tools.</summary>
public sealed class CustomToolValidator : AbstractValidator<CustomTool>
{
    private const string UrlMessage = "An absolute http or https URL of at most 2048 characters, without user info.";

    public CustomToolValidator()
    {
        RuleFor(t => t.Name).Must(CustomToolRules.IsValidName)
            .WithMessage("A tool's name has 1–64 of the characters a-z, A-Z, 0-9, _ and -.")
            .Must(n => !CustomToolRules.IsBuiltInName(n)).WithMessage("A built-in tool has this name.");
        RuleFor(t => t.Description).MaximumLength(CustomToolRules.MaxDescriptionLength);
        RuleFor(t => t.RequiresApproval).Must((tool, approval) => !(approval == true && tool is ClientTool))
            .WithMessage("A client tool is answered by the partner itself; it needs no approval.");
        When(t => t is not McpTool, () => RuleFor(t => t.Parameters).Custom((parameters, context) =>
        {
            if (parameters is not { } schema)
            {
                context.AddFailure("The parameters are a JSON Schema of the arguments object.");
            }
            else if (ToolArgumentsSchema.Refusal(schema) is { } refusal)
            {
                context.AddFailure(refusal);
            }
        }));
        When(t => t is IRemoteTool, () =>
        {
            RuleFor(t => ((IRemoteTool)t).Url).Must(url => OutboundUrls.IsHttpUrl(url, CustomToolRules.MaxUrlLength)).OverridePropertyName("url").WithMessage(UrlMessage);
            RuleFor(t => ((IRemoteTool)t).TimeoutSeconds).InclusiveBetween(1, CustomToolRules.MaxTimeoutSeconds).OverridePropertyName("timeoutSeconds");
        });
        When(t => t is McpTool, () =>
        {
            RuleFor(t => t.Parameters).Null().WithMessage("An mcp server's tools bring their own schemas.");
            RuleFor(t => ((McpTool)t).AllowedTools)
                .Must(tools => tools is { Count: > 0 and <= CustomToolRules.MaxAllowedMcpTools })
                .WithMessage($"1–{CustomToolRules.MaxAllowedMcpTools} of the server's tools, by name (never all of them).")
                .Must((tool, tools) => tools is null || tools.All(name => CustomToolRules.IsValidName(name) && CustomToolRules.IsValidName(((McpTool)tool).WireNameOf(name))))
                .WithMessage("Each allowed tool has a name of a-z, A-Z, 0-9, _ and -, and '{name}_{tool}' has at most 64 characters.")
                .OverridePropertyName("allowedTools");
        });
    }
}
