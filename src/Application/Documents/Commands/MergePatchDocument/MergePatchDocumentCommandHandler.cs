using EventAgents.Domain.Documents;
using Mediator;
using EventAgents.Domain.Common;

namespace EventAgents.Application.Documents.Commands.MergePatchDocument;

public sealed class MergePatchDocumentCommandHandler(DocumentWriter writer) : ICommandHandler<MergePatchDocumentCommand, DocumentDto>
{
    public async ValueTask<DocumentDto> Handle(MergePatchDocumentCommand command, CancellationToken cancellationToken)
    {
        var patch = DocumentWriter.ObjectOf(command.Patch);
        var result = await writer.WriteAsync(
            command.Collection, command.Id, command.Preconditions,
            current => DocumentDecisions.Patch(current is null ? null : DocumentWriter.DataOf(current), patch), cancellationToken,
            command.SchemaVersion);
        return result.Document!;
    }
}
