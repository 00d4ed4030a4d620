using EventAgents.Application.Common.Exceptions;
using EventAgents.Application.Common.Security;
using EventAgents.Domain.Events;

namespace EventAgents.Application.Events;

/// <summary>Applies <see cref="SystemStreams"/>' visibility rule to the caller.</summary>
public static class StreamAccess
{
    /// <summary>Throws <see cref="ForbiddenException"/> when the stream is a system stream the caller may not read.</summary>
    public static void RequireVisible(ICurrentPrincipal principal, string streamId)
    {
        if (SystemStreams.RequiredScope(streamId) is { } scope && !principal.Scopes.Contains(scope))
        {
            throw ForbiddenException.SystemStream(streamId, scope);
        }
    }

    /// <summary>The system stream prefixes whose events the caller may not see, for reads over many streams.</summary>
    public static IReadOnlyList<string> HiddenFrom(ICurrentPrincipal principal) => SystemStreams.HiddenFrom(principal.Scopes);
}
