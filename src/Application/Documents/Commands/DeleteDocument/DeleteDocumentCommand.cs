using Mediator;
using EventAgents.Domain.Common;

namespace EventAgents.Application.Documents.Commands.DeleteDocument;

public sealed record DeleteDocumentCommand(string Collection, string Id, Preconditions Preconditions) : ICommand;
