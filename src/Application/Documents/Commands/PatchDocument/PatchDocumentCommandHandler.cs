using EventAgents.Domain.Documents;
using Mediator;

namespace EventAgents.Application.Documents.Commands.PatchDocument;

public sealed class PatchDocumentCommandHandler(DocumentWriter writer) : ICommandHandler<PatchDocumentCommand, DocumentDto>
{
    public async ValueTask<DocumentDto> Handle(PatchDocumentCommand command, CancellationToken cancellationToken)
    {
        var patch = DocumentWriter.ObjectOf(command.Patch);
        var result = await writer.WriteAsync(
            command.Collection, command.Id, command.Preconditions,
            current => DocumentDecisions.Patch(current is null ? null : DocumentWriter.DataOf(current), patch), cancellationToken);
        return result.Document!;
    }
}
