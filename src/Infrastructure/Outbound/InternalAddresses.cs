using System.Net;
using System.Net.Sockets;

namespace EventAgents.Infrastructure.Outbound;

/// <summary>
/// Which addresses the service must not call on a partner's behalf. IPv4: loopback, private, link-local, carrier-grade NAT,
/// documentation, benchmarking, multicast and reserved ranges. IPv6: everything outside global unicast (2000::/3) except the
/// translation prefixes, whose embedded IPv4 address is what a packet reaches and is checked instead — NAT64 (64:ff9b::/96),
/// 6to4 (2002::/16), Teredo (2001::/32, both the server and the obfuscated client address) and IPv4-mapped/-compatible forms —
/// and the special blocks inside 2000::/3 (documentation, ORCHID, benchmarking). Local-use NAT64 (64:ff9b:1::/48) reaches
/// whatever the operator's translator is configured for, so it is always internal.
/// </summary>
internal static class InternalAddresses
{
    public static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return IsInternalV4(address.MapToIPv4().GetAddressBytes());
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6
            ? IsInternalV6(address.GetAddressBytes())
            : IsInternalV4(address.GetAddressBytes());
    }

    private static bool IsInternalV6(byte[] b)
    {
        if (b[..12].All(x => x == 0))
        {
            return true; // ::, ::1 and IPv4-compatible ::a.b.c.d (deprecated; never a real destination)
        }

        if (b is [0x00, 0x64, 0xff, 0x9b, ..])
        {
            return b[4..12].Any(x => x != 0) || IsInternalV4(b[12..]); // 64:ff9b:1::/48 and the rest of 64:ff9b::/32; NAT64 /96
        }

        if (b is [0x20, 0x02, ..])
        {
            return IsInternalV4(b[2..6]); // 6to4: 2002:AABB:CCDD::/48 carries a.b.c.d
        }

        if (b is [0x20, 0x01, 0x00, 0x00, ..])
        {
            // Teredo: the server's IPv4 in bytes 4–7, the client's in the last four, each bit inverted.
            return IsInternalV4(b[4..8]) || IsInternalV4(b[12..].Select(x => (byte)~x).ToArray());
        }

        return (b[0] & 0xe0) != 0x20 // not global unicast 2000::/3: link-local, unique-local, site-local, multicast, reserved
            || b is [0x20, 0x01, 0x0d, 0xb8, ..] // documentation 2001:db8::/32
            || b is [0x20, 0x01, 0x00, >= 0x10 and <= 0x3f, ..] // ORCHID, ORCHIDv2 2001:10::/28, 2001:20::/28 and 2001:30::/28
            || b is [0x20, 0x01, 0x00, 0x02, 0x00, 0x00, ..] // benchmarking 2001:2::/48
            || b is [0x3f, 0xff, ..]; // documentation 3fff::/20 (RFC 9637)
    }

    private static bool IsInternalV4(byte[] b) => b[0] switch
    {
        0 or 10 or 127 => true,                      // "this" network, private, loopback
        100 => b[1] is >= 64 and <= 127,             // carrier-grade NAT (cloud metadata at 100.100.100.200)
        169 => b[1] == 254,                          // link-local (cloud metadata at 169.254.169.254)
        172 => b[1] is >= 16 and <= 31,              // private
        192 => (b[1] == 168) || (b[1] == 0 && b[2] is 0 or 2) || (b[1] == 88 && b[2] == 99), // private, IETF, documentation, 6to4 relay
        198 => b[1] is 18 or 19 || (b[1] == 51 && b[2] == 100),  // benchmarking, documentation
        203 => b[1] == 0 && b[2] == 113,             // documentation
        >= 224 => true,                              // multicast, reserved, broadcast
        _ => false,
    };
}
