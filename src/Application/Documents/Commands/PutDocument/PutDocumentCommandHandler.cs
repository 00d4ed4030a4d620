using EventAgents.Domain.Documents;
using Mediator;

namespace EventAgents.Application.Documents.Commands.PutDocument;

public sealed class PutDocumentCommandHandler(DocumentWriter writer) : ICommandHandler<PutDocumentCommand, DocumentWriteResult>
{
    public async ValueTask<DocumentWriteResult> Handle(PutDocumentCommand command, CancellationToken cancellationToken)
    {
        var data = DocumentWriter.ObjectOf(command.Data);
        return await writer.WriteAsync(
            command.Collection, command.Id, command.Preconditions, current => DocumentDecisions.Replace(current is not null, data), cancellationToken);
    }
}
