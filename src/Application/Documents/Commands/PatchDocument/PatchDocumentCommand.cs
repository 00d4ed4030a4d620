using System.Text.Json;
using EventAgents.Domain.Documents;
using Mediator;

namespace EventAgents.Application.Documents.Commands.PatchDocument;

/// <summary>Applies a JSON Merge Patch (RFC 7396) to an existing document.</summary>
public sealed record PatchDocumentCommand(string Collection, string Id, JsonElement Patch, Preconditions Preconditions)
    : ICommand<DocumentDto>;
