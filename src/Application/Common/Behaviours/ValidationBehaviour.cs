using FluentValidation;
using Mediator;

namespace EventAgents.Application.Common.Behaviours;

/// <summary>Runs every validator of the message and fails with all their errors at once, before any handler work.</summary>
public sealed class ValidationBehaviour<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private readonly IValidator<TMessage>[] _validators = validators as IValidator<TMessage>[] ?? validators.ToArray();

    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        if (_validators.Length > 0)
        {
            var failures = new List<FluentValidation.Results.ValidationFailure>();
            foreach (var validator in _validators)
            {
                // A context per validator: a shared one accumulates failures, so each would be reported again.
                var result = await validator.ValidateAsync(new ValidationContext<TMessage>(message), cancellationToken);
                failures.AddRange(result.Errors);
            }

            if (failures.Count > 0)
            {
                throw new ValidationException(failures);
            }
        }

        return await next(message, cancellationToken);
    }
}
