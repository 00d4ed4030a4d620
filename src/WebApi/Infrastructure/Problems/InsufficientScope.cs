using Microsoft.AspNetCore.Mvc;

namespace EventAgents.WebApi.Infrastructure.Problems;

/// <summary>
/// A 403 for a token without the scope needed (RFC 6750 section 3.1): <c>WWW-Authenticate: Bearer error="insufficient_scope",
/// scope="…"</c>, and the same scopes as the problem's <c>requiredScopes</c> member.
/// </summary>
public static class InsufficientScope
{
    public const string Member = "requiredScopes";

    public static ProblemDetails Problem(string detail, IReadOnlyList<string> requiredScopes)
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Title = "Forbidden",
            Detail = detail,
            Type = ProblemTypes.ForStatus(StatusCodes.Status403Forbidden),
        };
        problem.Extensions[Member] = requiredScopes;
        return problem;
    }

    public static void Challenge(HttpContext http, IReadOnlyList<string> requiredScopes) =>
        http.Response.Headers.WWWAuthenticate =
            $"Bearer error=\"insufficient_scope\", error_description=\"The access token lacks a scope this request needs.\", scope=\"{string.Join(' ', requiredScopes)}\"";
}
