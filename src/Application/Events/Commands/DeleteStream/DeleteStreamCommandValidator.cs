using EventAgents.Application.Events.Validation;
using EventAgents.Domain.Events;
using FluentValidation;

namespace EventAgents.Application.Events.Commands.DeleteStream;

public sealed class DeleteStreamCommandValidator : AbstractValidator<DeleteStreamCommand>
{
    public DeleteStreamCommandValidator() =>
        RuleFor(c => c.StreamId).MustBeStreamId()
            .Must(id => !StreamId.IsSystemId(id))
            .WithMessage("System streams (doc:, run:, webhook:, schema:, meta:) are the service's: delete a document through its collection.");
}
