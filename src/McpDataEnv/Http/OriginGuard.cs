using Microsoft.AspNetCore.Http;

namespace McpDataEnv.Http;

/// <summary>
/// DNS-rebinding protection: the <c>Host</c> header must name this machine (or an allowed host) and a
/// browser's <c>Origin</c>, when present, must be a loopback or allowed origin. Otherwise 403 before any
/// MCP processing. For the origins <c>http.allowed_origins</c> names, it also speaks CORS, so a browser client
/// served from one can connect: it answers their preflight itself (before authentication, which a preflight never
/// carries) and lets their pages read the answers and the session header.
/// </summary>
/// <remarks>
/// Loopback origins are accepted but get no CORS headers: any page a local dev server happens to serve would
/// otherwise be able to drive the server from the user's browser, anonymously where loopback callers may be. An
/// operator who wants a local browser client lists its origin.
/// </remarks>
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

        if (origin.Length == 0 || !_origins.Contains(origin.TrimEnd('/')))
        {
            return _next(context);
        }

        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = origin;
        headers.Vary = "Origin";
        headers.AccessControlExposeHeaders = ExposedHeaders;
        if (HttpMethods.IsOptions(context.Request.Method) && context.Request.Headers.AccessControlRequestMethod.Count > 0)
        {
            headers.AccessControlAllowMethods = "GET, POST, DELETE";
            headers.AccessControlAllowHeaders = AllowedRequestHeaders;
            headers.AccessControlMaxAge = "600";
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }

        return _next(context);
    }

    // What a browser client of Streamable HTTP (and legacy SSE) sends and must read back.
    private const string AllowedRequestHeaders = "Authorization, Content-Type, Accept, Mcp-Session-Id, MCP-Protocol-Version, Last-Event-ID";
    private const string ExposedHeaders = "Mcp-Session-Id, MCP-Protocol-Version, WWW-Authenticate, Retry-After";

    private bool IsAllowedOrigin(string origin) =>
        _origins.Contains(origin.TrimEnd('/'))
        || (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && LoopbackAddresses.IsLoopbackHost(uri.Host));

    private static Task RefuseAsync(HttpContext context, string reason)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return context.Response.WriteAsJsonAsync(new { jsonrpc = "2.0", id = (object?)null, error = new { code = -32000, message = "Forbidden: " + reason } });
    }
}
