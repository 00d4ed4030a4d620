using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using EventAgents.Application.Webhooks;
using Microsoft.Extensions.Options;

namespace EventAgents.Infrastructure.Webhooks;

/// <summary>
/// SSRF protection: a target whose host resolves to any loopback, private, link-local, unique-local, multicast, carrier-grade
/// NAT, unspecified or reserved address (cloud metadata endpoints among them) is refused — when a subscription is written,
/// and again at every connection (the connect callback checks the addresses it actually connects to, so DNS changes and
/// rebinding do not get around it). <c>Webhooks__AllowPrivateNetworks=true</c> lifts it for development and tests.
/// </summary>
internal sealed class WebhookUrlGuard(IOptions<WebhooksOptions> options) : IWebhookUrlGuard
{
    public async Task<string?> RefusalAsync(Uri url, CancellationToken cancellationToken)
    {
        if (options.Value.AllowPrivateNetworks)
        {
            return null;
        }

        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(url.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            return "its host does not resolve";
        }

        return addresses.Length == 0 ? "its host does not resolve"
            : addresses.Any(IsInternal) ? "its host resolves to a loopback, private, link-local or otherwise internal address"
            : null;
    }

    /// <summary>The socket connect step of the delivery HTTP client: resolve, refuse internal addresses, connect.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAsync(context.DnsEndPoint.Host, cancellationToken);
        if (!options.Value.AllowPrivateNetworks && addresses.Any(IsInternal))
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, "The webhook target resolves to an internal address.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);

    public static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return IPAddress.IPv6Loopback.Equals(address) || IPAddress.IPv6None.Equals(address) || address.IsIPv6LinkLocal
                || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast
                || (address.GetAddressBytes() is [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ..]); // IPv4-compatible ::a.b.c.d
        }

        var b = address.GetAddressBytes();
        return b[0] switch
        {
            0 or 10 or 127 => true,                      // "this" network, private, loopback
            100 => b[1] is >= 64 and <= 127,             // carrier-grade NAT (cloud metadata at 100.100.100.200)
            169 => b[1] == 254,                          // link-local (cloud metadata at 169.254.169.254)
            172 => b[1] is >= 16 and <= 31,              // private
            192 => (b[1] == 168) || (b[1] == 0 && b[2] is 0 or 2), // private, IETF protocol assignments, documentation
            198 => b[1] is 18 or 19 || (b[1] == 51 && b[2] == 100),  // benchmarking, documentation
            203 => b[1] == 0 && b[2] == 113,             // documentation
            >= 224 => true,                              // multicast, reserved, broadcast
            _ => false,
        };
    }
}
