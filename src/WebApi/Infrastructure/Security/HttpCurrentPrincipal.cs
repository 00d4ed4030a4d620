using System.Security.Claims;
using EventAgents.Application.Common.Security;

namespace EventAgents.WebApi.Infrastructure.Security;

/// <summary>
/// The caller as the validated access token describes it; claims keep their JWT names. Scoped to the request, so the
/// tenant id and the scopes are read from the claims once per principal, not on every use.
/// </summary>
internal sealed class HttpCurrentPrincipal(IHttpContextAccessor accessor) : ICurrentPrincipal
{
    private bool _read;
    private ClaimsPrincipal? _readFrom;
    private Guid _tenantId;
    private string[]? _scopes;

    private ClaimsPrincipal? User => accessor.HttpContext?.User;

    public bool IsAuthenticated => User?.Identity?.IsAuthenticated == true;

    public Guid TenantId => Current().TenantId;

    public string ClientId => IsAuthenticated ? ValueOf(User!, TokenClaims.ClientId) ?? string.Empty : string.Empty;

    public IReadOnlyCollection<string> Scopes
    {
        get
        {
            var user = Current().User;
            return _scopes ??= user?.Identity?.IsAuthenticated == true ? ScopesOf(user) : [];
        }
    }

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
            // A token's identity keeps its claims in a list: iterating the list itself allocates no enumerator.
            if (identity.Claims is List<Claim> claims)
            {
                foreach (var claim in claims)
                {
                    if (claim.Type == TokenClaims.Scope && GrantsScope(claim.Value, scope))
                    {
                        return true;
                    }
                }
            }
            else if (identity.Claims.Any(claim => claim.Type == TokenClaims.Scope && GrantsScope(claim.Value, scope)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The value of the first claim of <paramref name="type"/>, without the predicate FindFirst allocates.</summary>
    public static string? ValueOf(ClaimsPrincipal user, string type)
    {
        foreach (var identity in user.Identities)
        {
            if (identity.Claims is List<Claim> claims)
            {
                foreach (var claim in claims)
                {
                    if (claim.Type == type)
                    {
                        return claim.Value;
                    }
                }
            }
            else if (identity.FindFirst(type) is { } claim)
            {
                return claim.Value;
            }
        }

        return null;
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

    /// <summary>The tenant of the request's principal, read once per principal (its scopes only when asked for).</summary>
    private (ClaimsPrincipal? User, Guid TenantId) Current()
    {
        var user = User;
        if (!_read || !ReferenceEquals(_readFrom, user))
        {
            _read = true;
            _readFrom = user;
            _scopes = null;
            _tenantId = user?.Identity?.IsAuthenticated == true && Guid.TryParse(ValueOf(user, TokenClaims.TenantId), out var tenantId)
                ? tenantId
                : Guid.Empty;
        }

        return (user, _tenantId);
    }
}
