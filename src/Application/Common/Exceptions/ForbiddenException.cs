namespace EventAgents.Application.Common.Exceptions;

/// <summary>The caller's token lacks a scope this particular resource needs (403), e.g. a system stream's.</summary>
public sealed class ForbiddenException(string message, IReadOnlyList<string> requiredScopes) : Exception(message)
{
    /// <summary>The scopes that would allow the request.</summary>
    public IReadOnlyList<string> RequiredScopes { get; } = requiredScopes;

    public static ForbiddenException SystemStream(string streamId, string scope) =>
        new($"Reading '{streamId}' also takes the {scope} scope: it holds what that scope guards.", [scope]);
}
