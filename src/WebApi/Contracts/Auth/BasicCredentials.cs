using System.Text;
using Microsoft.Extensions.Primitives;

namespace EventAgents.WebApi.Contracts.Auth;

/// <summary>Client credentials from an HTTP Basic header: base64 of form-encoded id ":" form-encoded secret (RFC 6749 section 2.3.1).</summary>
public sealed record BasicCredentials(string ClientId, string ClientSecret)
{
    public static bool IsPresent(StringValues authorization) =>
        authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase);

    /// <summary>Null when the header is absent or malformed.</summary>
    public static BasicCredentials? Parse(StringValues authorization)
    {
        if (!IsPresent(authorization))
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization.ToString()["Basic ".Length..].Trim()));
            var separator = decoded.IndexOf(':', StringComparison.Ordinal);
            return separator <= 0
                ? null
                : new BasicCredentials(Uri.UnescapeDataString(decoded[..separator].Replace('+', ' ')), Uri.UnescapeDataString(decoded[(separator + 1)..].Replace('+', ' ')));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
