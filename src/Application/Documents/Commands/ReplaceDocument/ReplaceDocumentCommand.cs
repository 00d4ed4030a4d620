using System.Text.Json;
using Mediator;
using EventAgents.Domain.Common;

namespace EventAgents.Application.Documents.Commands.ReplaceDocument;

/// <summary>Creates or replaces a document.</summary>
public sealed record ReplaceDocumentCommand(
    string Collection, string Id, JsonElement Data, Preconditions Preconditions, int? SchemaVersion = null)
    : ICommand<DocumentWriteResult>;
