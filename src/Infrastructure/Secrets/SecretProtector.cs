using Microsoft.AspNetCore.DataProtection;

namespace EventAgents.Infrastructure.Secrets;

/// <summary>
/// Encrypts secrets the service must be able to read back (webhook signing secrets; tool credentials later) before they are
/// stored, with ASP.NET Core Data Protection (authenticated encryption; keys in PostgreSQL, themselves encrypted with the
/// operator's certificate — <see cref="DataProtectionSetup"/>). Values written before encryption existed are read as they are
/// until <see cref="LegacySecretsProtector"/> rewrites them.
/// </summary>
internal sealed class SecretProtector(IDataProtectionProvider provider)
{
    /// <summary>What stored protected values start with; a plaintext webhook secret starts with <c>whsec_</c>.</summary>
    public const string Marker = "dp1:";

    private readonly IDataProtector _protector = provider.CreateProtector("EventAgents.Secrets.v1");

    public string Protect(string secret) => Marker + _protector.Protect(secret);

    public string Unprotect(string stored) => IsProtected(stored) ? _protector.Unprotect(stored[Marker.Length..]) : stored;

    private static bool IsProtected(string stored) => stored.StartsWith(Marker, StringComparison.Ordinal);
}
