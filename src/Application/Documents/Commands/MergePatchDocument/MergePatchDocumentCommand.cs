using System.Text.Json;
using Mediator;
using EventAgents.Domain.Common;

namespace EventAgents.Application.Documents.Commands.MergePatchDocument;

/// <summary>Applies a JSON Merge Patch (RFC 7396) to an existing document.</summary>
public sealed record MergePatchDocumentCommand(
    string Collection, string Id, JsonElement Patch, Preconditions Preconditions, int? SchemaVersion = null)
    : ICommand<DocumentDto>;
