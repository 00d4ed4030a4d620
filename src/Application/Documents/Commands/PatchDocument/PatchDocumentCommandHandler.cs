using System.Text.Json.Nodes;
using EventAgents.Domain.Documents;
using Mediator;

namespace EventAgents.Application.Documents.Commands.PatchDocument;

public sealed class PatchDocumentCommandHandler(DocumentWriter writer) : ICommandHandler<PatchDocumentCommand, DocumentDto>
{
    public async ValueTask<DocumentDto> Handle(PatchDocumentCommand command, CancellationToken cancellationToken)
    {
        var patch = DocumentWriter.ObjectOf(command.Patch);
        var result = await writer.WriteAsync(command.Collection, command.Id, command.Preconditions, current =>
        {
            if (current is null)
            {
                throw DocumentWriter.NotFound(command.Collection, command.Id);
            }

            var patched = (JsonObject)JsonMergePatch.Apply(DocumentWriter.DataOf(current), patch)!;
            return new DocumentDecision(
                DocumentEventTypes.Patched, new() { ["patch"] = patch.DeepClone(), ["data"] = patched.DeepClone() }, patched);
        }, cancellationToken);
        return result.Document!;
    }
}
