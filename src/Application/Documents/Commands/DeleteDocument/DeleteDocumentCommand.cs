using EventAgents.Domain.Documents;
using Mediator;

namespace EventAgents.Application.Documents.Commands.DeleteDocument;

public sealed record DeleteDocumentCommand(string Collection, string Id, Preconditions Preconditions) : ICommand;
