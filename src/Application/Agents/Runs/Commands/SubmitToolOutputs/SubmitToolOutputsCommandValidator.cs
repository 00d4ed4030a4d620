using FluentValidation;

namespace EventAgents.Application.Agents.Runs.Commands.SubmitToolOutputs;

public sealed class SubmitToolOutputsCommandValidator : AbstractValidator<SubmitToolOutputsCommand>
{
    public SubmitToolOutputsCommandValidator()
    {
        RuleFor(c => c.Outputs).NotEmpty().Must(o => o!.Count <= RunAnswerRules.MaxAnswers)
            .WithMessage($"1–{RunAnswerRules.MaxAnswers} outputs.")
            .Must(o => RunAnswerRules.HaveDistinctCallIds(o!.Select(x => x?.CallId))).WithMessage("Each call is answered once per request.");
        RuleForEach(c => c.Outputs).NotNull().ChildRules(output =>
        {
            output.RuleFor(o => o.CallId).NotEmpty().MaximumLength(RunAnswerRules.MaxCallIdLength);
            output.RuleFor(o => o.Output).NotNull().WithMessage("The output is a JSON value (null is not one).");
        });
    }
}
