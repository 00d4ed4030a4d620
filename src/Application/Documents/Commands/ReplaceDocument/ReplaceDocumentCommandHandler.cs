using EventAgents.Domain.Documents;
using Mediator;
using EventAgents.Domain.Common;

namespace EventAgents.Application.Documents.Commands.ReplaceDocument;

public sealed class ReplaceDocumentCommandHandler(DocumentWriter writer) : ICommandHandler<ReplaceDocumentCommand, DocumentWriteResult>
{
    public async ValueTask<DocumentWriteResult> Handle(ReplaceDocumentCommand command, CancellationToken cancellationToken)
    {
        var data = DocumentWriter.ObjectOf(command.Data);
        return await writer.WriteAsync(
            command.Collection, command.Id, command.Preconditions, current => DocumentDecisions.Replace(current is not null, data), cancellationToken,
            command.SchemaVersion);
    }
}
