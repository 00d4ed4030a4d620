using EventAgents.Domain.Auth;
using Microsoft.AspNetCore.Authorization;

namespace EventAgents.WebApi.Infrastructure.Security;

/// <summary>The scopes an endpoint's authorization policies require (each policy is named after its scope).</summary>
internal static class EndpointScopes
{
    public static IReadOnlyList<string> Required(IEnumerable<object> metadata) =>
        metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Where(Scopes.IsKnown).Distinct().ToList();
}
