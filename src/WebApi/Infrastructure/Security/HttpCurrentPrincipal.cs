using System.Security.Claims;
using EventAgents.Application.Common.Security;
using EventAgents.Infrastructure.Identity;

namespace EventAgents.WebApi.Infrastructure.Security;

/// <summary>The caller as the validated access token describes it; claims keep their JWT names.</summary>
internal sealed class HttpCurrentPrincipal(IHttpContextAccessor accessor) : ICurrentPrincipal
{
    private ClaimsPrincipal? User => accessor.HttpContext?.User;

    public bool IsAuthenticated => User?.Identity?.IsAuthenticated == true;

    public Guid TenantId =>
        IsAuthenticated && Guid.TryParse(User!.FindFirstValue(TokenClaims.TenantId), out var tenantId) ? tenantId : Guid.Empty;

    public string ClientId => IsAuthenticated ? User!.FindFirstValue(TokenClaims.ClientId) ?? string.Empty : string.Empty;

    public IReadOnlyCollection<string> Scopes => IsAuthenticated ? ScopesOf(User!) : [];

    public static string[] ScopesOf(ClaimsPrincipal user) =>
        user.FindAll(TokenClaims.Scope)
            .SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
}
