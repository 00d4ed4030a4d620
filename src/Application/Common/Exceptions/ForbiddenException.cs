namespace EventAgents.Application.Common.Exceptions;

/// <summary>The caller's token lacks a scope this particular resource needs (403), e.g. a system stream's.</summary>
public sealed class ForbiddenException(string message) : Exception(message)
{
    public static ForbiddenException SystemStream(string streamId, string scope) =>
        new($"Reading '{streamId}' also takes the {scope} scope: it holds what that scope guards.");
}
