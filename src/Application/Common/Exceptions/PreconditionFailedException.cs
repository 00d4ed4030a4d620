namespace EventAgents.Application.Common.Exceptions;

/// <summary>An If-Match / If-None-Match precondition did not hold (412).</summary>
public sealed class PreconditionFailedException(string message, long? currentVersion) : Exception(message)
{
    public long? CurrentVersion { get; } = currentVersion;
}
