using System.Security.Cryptography;
using System.Text;
using EventAgents.Application.Auth;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace EventAgents.Infrastructure.Identity;

/// <summary>
/// The one HS256 key that signs and validates our access tokens. Outside Development the app refuses to start without
/// a configured key of at least 256 bits; in Development a random per-process key is used when none is set.
/// </summary>
public sealed class SigningKeyProvider
{
    public SigningKeyProvider(IOptions<AuthOptions> options, IHostEnvironment environment)
    {
        var configured = options.Value.SigningKey;
        byte[] bytes;
        if (!string.IsNullOrEmpty(configured))
        {
            bytes = Encoding.UTF8.GetBytes(configured);
            if (bytes.Length < AuthOptions.MinSigningKeyBytes)
            {
                throw new InvalidOperationException(
                    $"Auth__SigningKey must be at least {AuthOptions.MinSigningKeyBytes} bytes (256 bits).");
            }
        }
        else if (environment.IsDevelopment())
        {
            bytes = RandomNumberGenerator.GetBytes(64);
            IsEphemeral = true;
        }
        else
        {
            throw new InvalidOperationException(
                "Auth__SigningKey is not set. Set it in the environment (at least 32 random bytes); build/run.sh generates one.");
        }

        Key = new SymmetricSecurityKey(bytes) { KeyId = "ea-hs256" };
    }

    public SymmetricSecurityKey Key { get; }

    /// <summary>True when the key was generated for this process only (tokens die with it).</summary>
    public bool IsEphemeral { get; }
}
