using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Primitives;

namespace EventAgents.WebApi.Infrastructure.Security;

/// <summary>
/// Reads an RFC 7239 <c>Forwarded</c> header (<c>for=192.0.2.60;proto=https, for="[2001:db8::1]:4711"</c>) into the
/// <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> lists ASP.NET Core's forwarded-headers middleware understands, hop for hop.
/// Only when the request has no <c>X-Forwarded-For</c> of its own; whether any of it is trusted is the middleware's decision.
/// </summary>
internal static class ForwardedHeaderTranslator
{
    public static void TranslateRfc7239(IHeaderDictionary headers)
    {
        if (headers.ContainsKey(ForwardedHeadersDefaults.XForwardedForHeaderName) || !headers.TryGetValue("Forwarded", out var forwarded))
        {
            return;
        }

        var addresses = new List<string>();
        var protocols = new List<string>();
        foreach (var element in forwarded.SelectMany(value => (value ?? string.Empty).Split(',')))
        {
            string? address = null;
            string? protocol = null;
            foreach (var pair in element.Split(';'))
            {
                var separator = pair.IndexOf('=', StringComparison.Ordinal);
                if (separator <= 0)
                {
                    continue;
                }

                var name = pair[..separator].Trim();
                var value = pair[(separator + 1)..].Trim().Trim('"');
                if (name.Equals("for", StringComparison.OrdinalIgnoreCase))
                {
                    address = HostOf(value);
                }
                else if (name.Equals("proto", StringComparison.OrdinalIgnoreCase))
                {
                    protocol = value;
                }
            }

            if (address is null)
            {
                // A hop without "for" breaks the chain: what lies beyond it cannot be attributed.
                addresses.Clear();
                protocols.Clear();
                continue;
            }

            addresses.Add(address);
            protocols.Add(protocol ?? "http");
        }

        if (addresses.Count > 0)
        {
            headers[ForwardedHeadersDefaults.XForwardedForHeaderName] = new StringValues([.. addresses]);
            headers[ForwardedHeadersDefaults.XForwardedProtoHeaderName] = new StringValues([.. protocols]);
        }
    }

    /// <summary>The address of a node: "[v6]:port" and "v4:port" lose the port; obfuscated names stay as they are.</summary>
    private static string HostOf(string node)
    {
        if (node.StartsWith('['))
        {
            var end = node.IndexOf(']', StringComparison.Ordinal);
            return end > 0 ? node[1..end] : node;
        }

        var colon = node.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && node.IndexOf(':', colon + 1) < 0 ? node[..colon] : node;
    }
}
