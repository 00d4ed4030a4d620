using System.Security.Cryptography;

namespace EventAgents.Application.Webhooks;

/// <summary>Standard Webhooks symmetric secrets: <c>whsec_</c> + base64 of 32 random bytes, unique per subscription.</summary>
public static class WebhookSecrets
{
    public const string Prefix = "whsec_";

    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static byte[] KeyOf(string secret) => Convert.FromBase64String(secret[Prefix.Length..]);
}
