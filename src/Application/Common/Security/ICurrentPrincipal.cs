namespace EventAgents.Application.Common.Security;

/// <summary>The authenticated caller: which tenant it acts for, which client it is, which scopes it holds.</summary>
public interface ICurrentPrincipal
{
    bool IsAuthenticated { get; }

    /// <summary>The caller's tenant; <see cref="Guid.Empty"/> when nobody is authenticated (matches no row).</summary>
    Guid TenantId { get; }

    string ClientId { get; }

    IReadOnlyCollection<string> Scopes { get; }
}
