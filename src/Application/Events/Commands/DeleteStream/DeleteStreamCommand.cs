using Mediator;

namespace EventAgents.Application.Events.Commands.DeleteStream;

/// <summary>Soft-deletes a partner stream: reads answer 404 until a later append, which continues the version.</summary>
public sealed record DeleteStreamCommand(string StreamId) : ICommand;
