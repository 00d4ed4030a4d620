using FluentValidation;

namespace EventAgents.Application.Events.Validation;

/// <summary>The rules of a <see cref="ILogFilter"/>, shared by reads of the global log and live feeds.</summary>
public sealed class LogFilterValidator : AbstractValidator<ILogFilter>
{
    public const int MaxTypes = 20;

    public LogFilterValidator()
    {
        RuleFor(q => q.After).GreaterThanOrEqualTo(0);
        RuleFor(q => q.Types).Must(t => t.Count <= MaxTypes).WithMessage($"At most {MaxTypes} types.");
        RuleForEach(q => q.Types).MustBeEventType().OverridePropertyName("type");
        RuleFor(q => q.StreamPrefix).MustBeStreamPrefix();
    }
}
