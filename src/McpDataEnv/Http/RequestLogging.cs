using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace McpDataEnv.Http;

/// <summary>One structured line per HTTP request, with a request id (also returned as <c>X-Request-Id</c>) in scope for every log the request causes.</summary>
public sealed class RequestLogging
{
    private readonly RequestDelegate _next;
    private readonly ILogger<RequestLogging> _logger;

    public RequestLogging(RequestDelegate next, ILogger<RequestLogging> logger)
    {
        _next = next;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var requestId = context.TraceIdentifier;
        context.Response.Headers["X-Request-Id"] = requestId;
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = requestId });
        var started = Stopwatch.GetTimestamp();
        try
        {
            await _next(context).ConfigureAwait(false);
        }
        finally
        {
            // Never the Authorization header or the body: only what routing and status say.
            var level = context.Response.StatusCode >= 400 ? LogLevel.Information : LogLevel.Debug;
            _logger.Log(
                level,
                "{Method} {Path} -> {Status} in {ElapsedMs:F1} ms (principal {Principal})",
                context.Request.Method,
                context.Request.Path.Value,
                context.Response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                context.User.Identity?.Name ?? "-");
        }
    }
}
