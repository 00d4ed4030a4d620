using EventAgents.Domain.Agents;
using EventAgents.Domain.Events;
using FluentValidation;

namespace EventAgents.Application.Agents.Validation;

/// <summary>The rules of an agent's body, shared by the create and replace commands.</summary>
public abstract class AgentDefinitionValidator<T> : AbstractValidator<T>
    where T : AgentDefinition
{
    protected AgentDefinitionValidator()
    {
        RuleFor(d => d.Name).NotEmpty().Must(n => n!.Trim().Length is > 0 and <= AgentLimits.MaxNameLength)
            .WithMessage($"The name has 1–{AgentLimits.MaxNameLength} characters.")
            .Must(n => !n!.Any(char.IsControl)).WithMessage("The name has no control characters.");
        RuleFor(d => d.Description).MaximumLength(AgentLimits.MaxDescriptionLength);
        RuleFor(d => d.Instructions).NotEmpty().MaximumLength(AgentLimits.MaxInstructionsLength);
        RuleFor(d => d.Model).NotNull();
        When(d => d.Model is not null, () =>
        {
            RuleFor(d => d.Model!.Provider).NotEmpty()
                .Must(p => ModelProviders.All.Contains(p)).WithMessage($"The provider is one of: {string.Join(", ", ModelProviders.All)}.");
            RuleFor(d => d.Model!.Name).MaximumLength(AgentLimits.MaxModelNameLength);
            RuleFor(d => d.Model!.Temperature).InclusiveBetween(0, 2);
            RuleFor(d => d.Model!.MaxOutputTokens).InclusiveBetween(1, 1_000_000);
        });
        RuleForEach(d => d.Tools).Must(t => t is not null && AgentTools.Find(t) is not null)
            .WithMessage($"A tool is one of: {string.Join(", ", AgentTools.All.Select(t => t.Name))}.");
        RuleFor(d => d.Triggers).Must(t => t is null || t.Count <= AgentLimits.MaxTriggers)
            .WithMessage($"An agent has at most {AgentLimits.MaxTriggers} triggers.");
        RuleForEach(d => d.Triggers).NotNull().WithMessage("A trigger is a JSON object, not null.").ChildRules(trigger =>
        {
            trigger.RuleFor(t => t.EventType).Must(EventType.IsValid).WithMessage("Not a valid event type.")
                .Must(t => !ReservedEventTypes.IsReserved(t))
                .WithMessage($"The service's own events ({ReservedEventTypes.Description}) cannot trigger agents.");
            trigger.RuleFor(t => t.StreamPrefix).Must(p => string.IsNullOrEmpty(p) || IsStreamPrefix(p))
                .WithMessage("Not a valid stream id prefix.")
                .Must(p => string.IsNullOrEmpty(p) || !StreamId.IsSystemId(p))
                .WithMessage("System streams (doc:, run:, webhook:, schema:, meta:) cannot trigger agents.");
        });
        RuleFor(d => d.CustomTools).Must(t => t is null || t.Count <= CustomToolRules.MaxTools)
            .WithMessage($"An agent has at most {CustomToolRules.MaxTools} custom tools.")
            .Must(t => t is null || HaveDistinctNames(t))
            .WithMessage("Custom tools have different names (an mcp server's tools are named '{name}_{tool}'), none of them a built-in tool's.");
        RuleForEach(d => d.CustomTools).NotNull().WithMessage("A custom tool is a JSON object with a kind, not null.")
            .SetValidator(new CustomToolValidator());
        RuleForEach(d => d.TriggerTools).Must((definition, tool) => tool is not null
                && ((definition.Tools ?? []).Contains(tool) || (definition.CustomTools ?? []).Any(t => t?.Name == tool)))
            .WithMessage("A trigger tool is one of the agent's tools or custom tools.");
        RuleForEach(d => d.ToolsRequiringApproval).Must((definition, tool) => tool is not null && (definition.Tools ?? []).Contains(tool))
            .WithMessage("A tool requiring approval is one of the agent's built-in tools (mark custom tools with requiresApproval).");
        RuleFor(d => d.ActionTimeoutSeconds).InclusiveBetween(1, AgentLimits.MaxActionTimeoutSeconds);
        RuleFor(d => d.TimeoutSeconds).InclusiveBetween(AgentLimits.MinTimeoutSeconds, AgentLimits.MaxTimeoutSeconds);
        RuleFor(d => d.MaxAttempts).InclusiveBetween(1, AgentLimits.MaxMaxAttempts);
        RuleFor(d => d.MaxSteps).InclusiveBetween(1, AgentLimits.MaxMaxSteps);
        RuleFor(d => d.MaxConcurrentRuns).InclusiveBetween(1, AgentLimits.MaxMaxConcurrentRuns);
    }

    private static bool HaveDistinctNames(IReadOnlyList<CustomTool> tools)
    {
        var names = tools.Where(tool => tool is not null)
            .SelectMany(tool => tool is McpTool { AllowedTools: { } allowed } mcp ? allowed.Where(a => a is not null).Select(mcp.WireNameOf).Append(mcp.Name) : [tool.Name])
            .ToList();
        return names.Distinct(StringComparer.Ordinal).Count() == names.Count && !names.Any(n => n is not null && CustomToolRules.IsBuiltInName(n));
    }

    private static bool IsStreamPrefix(string prefix) =>
        prefix.Length <= StreamId.MaxLength && (StreamId.IsValid(prefix) || StreamId.IsValid("x" + prefix));
}
