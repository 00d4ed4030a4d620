using System.Text.Json;
using Mediator;

namespace EventAgents.Application.Documents.Commands.CreateDocument;

public sealed record CreateDocumentCommand(string Collection, string? Id, JsonElement Data, int? SchemaVersion = null) : ICommand<DocumentDto>;
