using Microsoft.AspNetCore.Http;

namespace McpDataEnv.Http;

/// <summary>
/// DNS-rebinding protection: the <c>Host</c> header must name this machine (or an allowed host) and a
/// browser's <c>Origin</c>, when present, must be a loopback or allowed origin. Otherwise 403 before any
/// MCP processing.
/// </summary>
public sealed class OriginGuard
{
    private readonly RequestDelegate _next;
    private readonly HashSet<string> _hosts;
    private readonly HashSet<string> _origins;

    public OriginGuard(RequestDelegate next, IEnumerable<string> allowedHosts, IEnumerable<string> allowedOrigins)
    {
        _next = next;
        _hosts = new HashSet<string>(allowedHosts, StringComparer.OrdinalIgnoreCase);
        _origins = new HashSet<string>(allowedOrigins.Select(o => o.TrimEnd('/')), StringComparer.OrdinalIgnoreCase);
    }

    public Task InvokeAsync(HttpContext context)
    {
        var host = context.Request.Host;
        if (!host.HasValue || !(LoopbackAddresses.IsLoopbackHost(host.Host) || _hosts.Contains(host.Host) || _hosts.Contains(host.Value)))
        {
            return RefuseAsync(context, "Host header is not allowed for this server");
        }

        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && !IsAllowedOrigin(origin))
        {
            return RefuseAsync(context, "Origin is not allowed for this server");
        }

        return _next(context);
    }

    private bool IsAllowedOrigin(string origin) =>
        _origins.Contains(origin.TrimEnd('/'))
        || (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && LoopbackAddresses.IsLoopbackHost(uri.Host));

    private static Task RefuseAsync(HttpContext context, string reason)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return context.Response.WriteAsJsonAsync(new { jsonrpc = "2.0", id = (object?)null, error = new { code = -32000, message = "Forbidden: " + reason } });
    }
}
