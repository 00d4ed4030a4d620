using FluentValidation;

namespace EventAgents.Application.Agents.Runs.Commands.StartRun;

public sealed class StartRunCommandValidator : AbstractValidator<StartRunCommand>
{
    public const int MaxIdempotencyKeyLength = 255;

    public StartRunCommandValidator()
    {
        RuleFor(c => c.Input.ValueKind).NotEqual(System.Text.Json.JsonValueKind.Undefined)
            .OverridePropertyName("input").WithMessage("The input is required (any JSON value).");
        RuleFor(c => c.IdempotencyKey)
            .Must(k => k is null || (k.Length is > 0 and <= MaxIdempotencyKeyLength && k.All(c => c is >= '!' and <= '~')))
            .OverridePropertyName("Idempotency-Key")
            .WithMessage($"The Idempotency-Key has 1–{MaxIdempotencyKeyLength} visible ASCII characters.");
    }
}
