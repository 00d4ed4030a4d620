using System.Security.Cryptography.X509Certificates;
using EventAgents.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EventAgents.Infrastructure.Secrets;

/// <summary>
/// Data Protection shared by every instance: one application name, keys persisted in PostgreSQL (table
/// <c>data_protection_keys</c>) and, when <c>DataProtection__Certificate</c> is set, encrypted at rest with that certificate.
/// Without it the keys are stored unencrypted (ASP.NET Core logs a warning): acceptable in development only.
/// </summary>
internal static class DataProtectionSetup
{
    public static IServiceCollection AddSecretProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(DataProtectionSettings.SectionName).Get<DataProtectionSettings>() ?? new DataProtectionSettings();
        var builder = services.AddDataProtection()
            .SetApplicationName("EventAgents")
            .PersistKeysToDbContext<EventAgentsDbContext>();
        if (!string.IsNullOrWhiteSpace(settings.Certificate))
        {
            var current = Load(settings.Certificate, settings.CertificatePassword);
            var previous = settings.PreviousCertificates.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => Load(c, settings.PreviousCertificatesPassword));
            builder.ProtectKeysWithCertificate(current).UnprotectKeysWithAnyCertificate([current, .. previous]);
        }

        services.AddSingleton<SecretProtector>();
        services.AddHostedService<LegacySecretsProtector>();
        return services;
    }

    private static X509Certificate2 Load(string base64, string? password) =>
        X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(base64), password, X509KeyStorageFlags.EphemeralKeySet);
}
