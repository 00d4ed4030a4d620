using EventAgents.Domain.Documents;
using Mediator;
using EventAgents.Domain.Common;

namespace EventAgents.Application.Documents.Commands.DeleteDocument;

public sealed class DeleteDocumentCommandHandler(DocumentWriter writer) : ICommandHandler<DeleteDocumentCommand>
{
    public async ValueTask<Unit> Handle(DeleteDocumentCommand command, CancellationToken cancellationToken)
    {
        await writer.WriteAsync(
            command.Collection, command.Id, command.Preconditions, current => DocumentDecisions.Delete(current is not null), cancellationToken);
        return Unit.Value;
    }
}
