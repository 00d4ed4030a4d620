using System.Text.Json;
using EventAgents.Domain.Documents;
using Mediator;

namespace EventAgents.Application.Documents.Commands.ReplaceDocument;

/// <summary>Creates or replaces a document.</summary>
public sealed record ReplaceDocumentCommand(string Collection, string Id, JsonElement Data, Preconditions Preconditions)
    : ICommand<DocumentWriteResult>;
