using System.Net;

namespace McpDataEnv.Http;

/// <summary>Which addresses, hosts and origins count as this machine.</summary>
public static class LoopbackAddresses
{
    private static readonly string[] LocalNames = ["localhost", "127.0.0.1", "[::1]", "::1"];

    public static bool IsLoopbackHost(string host) =>
        LocalNames.Contains(host, StringComparer.OrdinalIgnoreCase)
        || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary>True when every URL binds to a loopback address (<c>http://localhost:5100</c>, <c>http://127.0.0.1:0</c>).</summary>
    public static bool AreAllLoopback(IEnumerable<string> urls) =>
        urls.All(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && IsLoopbackHost(uri.Host));

    public static bool IsLoopbackConnection(IPAddress? remote) => remote is not null && IPAddress.IsLoopback(remote);
}
