namespace EventAgents.Application.Common.Security;

/// <summary>A fixed principal: the run's tenant and the scopes the run may use.</summary>
public sealed record FixedPrincipal(Guid TenantId, string ClientId, IReadOnlyCollection<string> Scopes) : ICurrentPrincipal
{
    public bool IsAuthenticated => true;
}
