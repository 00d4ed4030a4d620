using System.Buffers.Text;
using System.Security.Cryptography;
using EventAgents.Application.Clients;
using EventAgents.Domain.Clients;
using Microsoft.AspNetCore.Identity;

namespace EventAgents.Infrastructure.Identity;

/// <summary>
/// Secrets are 32 random bytes, base64url; hashes are ASP.NET Core Identity's v3 format
/// (PBKDF2 with HMAC-SHA512, 100,000 iterations, 128-bit salt).
/// </summary>
internal sealed class ClientSecrets : IClientSecrets
{
    private const int SecretBytes = 32;

    private static readonly PasswordHasher<ApiClient> Hasher = new();
    private static readonly string DummyHash = Hasher.HashPassword(null!, "no client has this secret");

    public string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));

    public string Hash(string secret) => Hasher.HashPassword(null!, secret);

    public bool Verify(string hash, string secret) =>
        Hasher.VerifyHashedPassword(null!, hash, secret) is PasswordVerificationResult.Success or PasswordVerificationResult.SuccessRehashNeeded;

    public void VerifyNothing(string secret) => _ = Hasher.VerifyHashedPassword(null!, DummyHash, secret);
}
