using FluentValidation;
using FluentValidation.Results;
using Mediator;

namespace EventAgents.Application.Common.Behaviours;

/// <summary>
/// Runs every validator of the message and fails with all their errors at once, before any handler work. Validators run
/// synchronously (none of ours has an async rule, and a message without validators costs nothing); one that has async
/// rules makes the whole message validate asynchronously.
/// </summary>
public sealed class ValidationBehaviour<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private readonly IValidator<TMessage>[] _validators = validators as IValidator<TMessage>[] ?? validators.ToArray();

    public ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        List<ValidationFailure>? failures = null;
        foreach (var validator in _validators)
        {
            ValidationResult result;
            try
            {
                // A context per validator: a shared one accumulates failures, so each would be reported again.
                result = validator.Validate(new ValidationContext<TMessage>(message));
            }
            catch (AsyncValidatorInvokedSynchronouslyException)
            {
                return ValidateAsyncThenHandle(message, next, cancellationToken);
            }

            if (!result.IsValid)
            {
                (failures ??= []).AddRange(result.Errors);
            }
        }

        return failures is null ? next(message, cancellationToken) : throw new ValidationException(failures);
    }

    private async ValueTask<TResponse> ValidateAsyncThenHandle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var failures = new List<ValidationFailure>();
        foreach (var validator in _validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TMessage>(message), cancellationToken);
            failures.AddRange(result.Errors);
        }

        return failures.Count == 0 ? await next(message, cancellationToken) : throw new ValidationException(failures);
    }
}
