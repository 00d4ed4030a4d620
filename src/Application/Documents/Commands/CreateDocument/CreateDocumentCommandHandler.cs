using EventAgents.Domain.Documents;
using Mediator;
using EventAgents.Domain.Common;

namespace EventAgents.Application.Documents.Commands.CreateDocument;

public sealed class CreateDocumentCommandHandler(DocumentWriter writer, TimeProvider clock) : ICommandHandler<CreateDocumentCommand, DocumentDto>
{
    public async ValueTask<DocumentDto> Handle(CreateDocumentCommand command, CancellationToken cancellationToken)
    {
        var id = command.Id ?? Guid.CreateVersion7(clock.GetUtcNow()).ToString();
        var data = DocumentWriter.ObjectOf(command.Data);
        var result = await writer.WriteAsync(
            command.Collection, id, Preconditions.None, current => DocumentDecisions.Create(current is not null, data), cancellationToken,
            command.SchemaVersion);
        return result.Document!;
    }
}
