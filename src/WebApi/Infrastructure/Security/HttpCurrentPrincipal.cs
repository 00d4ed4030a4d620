using System.Security.Claims;
using EventAgents.Application.Common.Security;
using EventAgents.Infrastructure.Identity;

namespace EventAgents.WebApi.Infrastructure.Security;

/// <summary>
/// The caller as the validated access token describes it; claims keep their JWT names. Scoped to the request, so the
/// tenant id and the scopes are read from the claims once per principal, not on every use.
/// </summary>
internal sealed class HttpCurrentPrincipal(IHttpContextAccessor accessor) : ICurrentPrincipal
{
    private Claims? _claims;

    private ClaimsPrincipal? User => accessor.HttpContext?.User;

    public bool IsAuthenticated => User?.Identity?.IsAuthenticated == true;

    public Guid TenantId => Read().TenantId;

    public string ClientId => IsAuthenticated ? User!.FindFirstValue(TokenClaims.ClientId) ?? string.Empty : string.Empty;

    public IReadOnlyCollection<string> Scopes => Read().Scopes;

    public static string[] ScopesOf(ClaimsPrincipal user) =>
        user.FindAll(TokenClaims.Scope)
            .SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.Ordinal)
            .ToArray();

    /// <summary>Whether a scope claim of the user grants <paramref name="scope"/>, without allocating.</summary>
    public static bool HasScope(ClaimsPrincipal user, string scope)
    {
        foreach (var identity in user.Identities)
        {
            foreach (var claim in identity.Claims)
            {
                if (claim.Type == TokenClaims.Scope && GrantsScope(claim.Value, scope))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool GrantsScope(string spaceSeparated, string scope)
    {
        foreach (var range in spaceSeparated.AsSpan().Split(' '))
        {
            if (spaceSeparated.AsSpan(range).SequenceEqual(scope))
            {
                return true;
            }
        }

        return false;
    }

    private Claims Read()
    {
        var user = User;
        var claims = _claims;
        if (claims is null || !ReferenceEquals(claims.User, user))
        {
            var authenticated = user?.Identity?.IsAuthenticated == true;
            claims = new Claims(
                user,
                authenticated && Guid.TryParse(user!.FindFirstValue(TokenClaims.TenantId), out var tenantId) ? tenantId : Guid.Empty,
                authenticated ? ScopesOf(user!) : []);
            _claims = claims;
        }

        return claims;
    }

    private sealed record Claims(ClaimsPrincipal? User, Guid TenantId, string[] Scopes);
}
