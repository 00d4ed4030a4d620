using System.Text.Json;
using EventAgents.Domain.Documents;
using Mediator;

namespace EventAgents.Application.Documents.Commands.PutDocument;

/// <summary>Creates or replaces a document.</summary>
public sealed record PutDocumentCommand(string Collection, string Id, JsonElement Data, Preconditions Preconditions)
    : ICommand<DocumentWriteResult>;
