using Microsoft.AspNetCore.Http;

namespace McpDataEnv.Http;

/// <summary>
/// The <c>MCP-Protocol-Version</c> request header: absent is allowed (2025-03-26 clients do not send it);
/// an unknown value is a 400. Revisions without the initialize handshake are refused here, so a dual-path
/// client falls back to initialize and gets a session.
/// </summary>
public static class ProtocolVersionHeader
{
    public const string Name = "MCP-Protocol-Version";

    public static IReadOnlyList<string> Supported { get; } = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"];

    /// <summary>Null when acceptable, else the reason for a 400.</summary>
    public static string? Problem(HttpContext context)
    {
        var value = context.Request.Headers[Name].ToString();
        return value.Length == 0 || Supported.Contains(value, StringComparer.Ordinal)
            ? null
            : $"Bad Request: Unsupported MCP-Protocol-Version '{value}'. Supported: {string.Join(", ", Supported)}.";
    }
}
