using EventAgents.Domain.Common;
using EventAgents.Domain.Events;
using Mediator;

namespace EventAgents.Application.Documents.Commands.DeleteDocument;

/// <summary>
/// Deletes a document (its history stays readable), or with <see cref="StreamDeletionMode.Erase"/> erases it with its whole
/// history: its <c>doc:</c> stream is erased and the id can never be written again.
/// </summary>
public sealed record DeleteDocumentCommand(string Collection, string Id, Preconditions Preconditions, StreamDeletionMode Mode = StreamDeletionMode.Soft)
    : ICommand;
