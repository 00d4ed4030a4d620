using FluentValidation;

namespace EventAgents.Application.Agents.Runs.Commands.DecideToolCalls;

public sealed class DecideToolCallsCommandValidator : AbstractValidator<DecideToolCallsCommand>
{
    public DecideToolCallsCommandValidator()
    {
        RuleFor(c => c.Decisions).NotEmpty().Must(d => d!.Count <= RunAnswerRules.MaxAnswers)
            .WithMessage($"1–{RunAnswerRules.MaxAnswers} decisions.")
            .Must(d => RunAnswerRules.HaveDistinctCallIds(d!.Select(x => x?.CallId))).WithMessage("Each call is decided once per request.");
        RuleForEach(c => c.Decisions).NotNull().ChildRules(decision =>
        {
            decision.RuleFor(d => d.CallId).NotEmpty().MaximumLength(RunAnswerRules.MaxCallIdLength);
            decision.RuleFor(d => d.Approve).NotNull().WithMessage("true to approve, false to reject.");
            decision.RuleFor(d => d.Reason).MaximumLength(RunAnswerRules.MaxReasonLength);
        });
    }
}
