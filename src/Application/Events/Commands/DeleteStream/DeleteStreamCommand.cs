using EventAgents.Domain.Events;
using Mediator;

namespace EventAgents.Application.Events.Commands.DeleteStream;

/// <summary>
/// Soft-deletes a partner stream (reads answer 404 until a later append, which continues the version) or erases it for good
/// (<see cref="StreamDeletionMode.Erase"/>: the events become tombstones and the stream answers 410 to writes).
/// </summary>
public sealed record DeleteStreamCommand(string StreamId, StreamDeletionMode Mode = StreamDeletionMode.Soft) : ICommand;
