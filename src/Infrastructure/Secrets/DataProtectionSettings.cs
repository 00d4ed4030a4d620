namespace EventAgents.Infrastructure.Secrets;

/// <summary>
/// Configuration section <c>DataProtection</c> (environment only): the certificate that encrypts the Data Protection keys
/// stored in PostgreSQL, and earlier certificates still needed to decrypt keys written under them (rotation).
/// </summary>
public sealed class DataProtectionSettings
{
    public const string SectionName = "DataProtection";

    /// <summary>Base64 of a PKCS#12 (PFX) file holding the certificate and its private key.</summary>
    public string? Certificate { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Base64 PFX files of retired certificates: they only decrypt, never encrypt.</summary>
    public string[] PreviousCertificates { get; set; } = [];

    public string? PreviousCertificatesPassword { get; set; }
}
