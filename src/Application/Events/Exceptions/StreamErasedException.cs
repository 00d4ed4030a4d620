using EventAgents.Application.Common.Exceptions;

namespace EventAgents.Application.Events.Exceptions;

public sealed class StreamErasedException(string streamId)
    : GoneException("stream-erased", $"Stream '{streamId}' was erased and can never be written again.");
