using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace MutualAdmin.Web.Fund.Webhooks;

/// <summary>
/// Where the host may POST the Fund's events. A webhook URL is chosen by a caller outside the
/// platform, so without this the host would sign and send events to its own loopback services, the
/// private network or a cloud metadata address. Refused: loopback, private, shared (CGNAT),
/// link-local, multicast, broadcast, reserved and unspecified addresses, whatever the name that
/// leads there; schemes other than https (plain http only for hosts the operator names). Checked at
/// registration and again as each connection is opened, on the address actually connected to, since
/// a name may resolve elsewhere by then (DNS rebinding). Hosts the operator lists in
/// <see cref="WebhookOptions.AllowedHosts"/> are trusted whatever their address.
/// </summary>
public sealed class WebhookTargets(IOptions<WebhookOptions> options)
{
    private WebhookOptions Options => options.Value;

    /// <summary>What is wrong with the URL on its face (scheme, literal address), null when nothing; no DNS.</summary>
    public string? Refusal(Uri url)
    {
        if (url.Scheme is not ("http" or "https")) return "an absolute http or https URL is required";
        if (!string.IsNullOrEmpty(url.UserInfo)) return "the URL must not carry credentials";
        var host = HostOf(url.IdnHost);
        if (url.Scheme == "http" && !Listed(Options.AllowPlainHttpFor, host)) return "https is required";
        if (Listed(Options.AllowedHosts, host)) return null;
        return IPAddress.TryParse(host, out var literal) && IsRefused(literal)
            ? $"{literal} is not a public address" : null;
    }

    /// <summary><see cref="Refusal(Uri)"/>, then what the host name resolves to now (at registration).</summary>
    public async Task<string?> RefusalAfterLookup(Uri url, CancellationToken ct)
    {
        if (Refusal(url) is { } refused) return refused;
        var host = HostOf(url.IdnHost);
        if (Listed(Options.AllowedHosts, host) || IPAddress.TryParse(host, out _)) return null;
        IPAddress[] addresses;
        using var lookup = CancellationTokenSource.CreateLinkedTokenSource(ct);
        lookup.CancelAfter(Options.Timeout);
        try
        {
            addresses = await Dns.GetHostAddressesAsync(host, lookup.Token);
        }
        catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return $"the host '{host}' does not resolve";
        }
        if (addresses.Length == 0) return $"the host '{host}' does not resolve";
        return addresses.FirstOrDefault(IsRefused) is { } inner ? $"'{host}' resolves to {inner}, not a public address" : null;
    }

    /// <summary>
    /// The webhook client's connections: the name is resolved here and every address it gives is
    /// checked before one is connected to, so what is checked is what is reached.
    /// </summary>
    public async ValueTask<Stream> Connect(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = HostOf(context.DnsEndPoint.Host);
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        if (!Listed(Options.AllowedHosts, host) && addresses.FirstOrDefault(IsRefused) is { } refused)
            throw new HttpRequestException($"refused: '{host}' resolves to {refused}, not a public address");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>True for every address a webhook must not reach (see the class summary).</summary>
    public static bool IsRefused(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetwork) return IsRefusedV4(address.GetAddressBytes());
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return true;

        var b = address.GetAddressBytes();
        if (address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6Loopback)) return true;
        if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal) return true;
        // Addresses that carry an IPv4 address inside: IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96), 6to4 (2002::/16).
        if (b.Take(12).All(x => x == 0)) return IsRefusedV4(b[12..16]);
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.Skip(4).Take(8).All(x => x == 0)) return IsRefusedV4(b[12..16]);
        if (b[0] == 0x20 && b[1] == 0x02) return IsRefusedV4(b[2..6]);
        return false;
    }

    private static bool IsRefusedV4(byte[] b) => b[0] switch
    {
        0 => true,                                  // "this network", 0.0.0.0
        10 => true,                                 // private
        100 => b[1] is >= 64 and < 128,             // shared address space (CGNAT)
        127 => true,                                // loopback
        169 => b[1] == 254,                         // link-local, cloud metadata
        172 => b[1] is >= 16 and < 32,              // private
        192 => b[1] == 168 || (b[1] == 0 && b[2] == 0), // private; IETF protocol assignments
        198 => b[1] is 18 or 19,                    // benchmarking
        >= 224 => true,                             // multicast, reserved, broadcast
        _ => false,
    };

    private static string HostOf(string host) => host.TrimStart('[').TrimEnd(']');

    private static bool Listed(string[] hosts, string host) =>
        hosts.Any(h => string.Equals(HostOf(h.Trim()), host, StringComparison.OrdinalIgnoreCase));
}
