using EventAgents.Application.Common.Exceptions;
using EventAgents.Application.Common.Security;
using EventAgents.Application.Events;
using EventAgents.Domain.Documents;
using EventAgents.Domain.Events;
using Mediator;

namespace EventAgents.Application.Documents.Commands.DeleteDocument;

public sealed class DeleteDocumentCommandHandler(DocumentWriter writer, IStreamLifecycle streams, ICurrentPrincipal principal, EventMetadata metadata)
    : ICommandHandler<DeleteDocumentCommand>
{
    public async ValueTask<Unit> Handle(DeleteDocumentCommand command, CancellationToken cancellationToken)
    {
        if (command.Mode == StreamDeletionMode.Erase)
        {
            var stream = DocumentId.StreamOf(command.Collection, command.Id);
            return await streams.DeleteAsync(principal.TenantId, stream, StreamDeletionMode.Erase, metadata.For(null), cancellationToken) == StreamDeletion.NotFound
                ? throw new NotFoundException("Document", command.Id)
                : Unit.Value;
        }

        await writer.WriteAsync(
            command.Collection, command.Id, command.Preconditions, current => DocumentDecisions.Delete(current is not null), cancellationToken);
        return Unit.Value;
    }
}
