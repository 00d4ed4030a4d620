using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using EventAgents.Application.Common.Outbound;
using EventAgents.Infrastructure.Webhooks;
using Microsoft.Extensions.Options;

namespace EventAgents.Infrastructure.Outbound;

/// <summary>
/// SSRF protection for every outbound call made for a partner: a target whose host resolves to an address of
/// <see cref="InternalAddresses"/> (loopback, private, link-local, cloud metadata, IPv4 smuggled in NAT64/6to4/Teredo…) is
/// refused — when the URL is written, and again at every connection (the connect callback checks the addresses it actually connects to, so DNS changes and
/// rebinding do not get around it). <c>Webhooks__AllowPrivateNetworks=true</c> lifts it for development and tests.
/// </summary>
internal sealed class OutboundUrlGuard(IOptions<WebhooksOptions> options) : IOutboundUrlGuard
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
            : addresses.Any(InternalAddresses.IsInternal) ? "its host resolves to a loopback, private, link-local or otherwise internal address"
            : null;
    }

    /// <summary>The socket connect step of the delivery HTTP client: resolve, refuse internal addresses, connect.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAsync(context.DnsEndPoint.Host, cancellationToken);
        if (!options.Value.AllowPrivateNetworks && addresses.Any(InternalAddresses.IsInternal))
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
}
