using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpDataEnv.Http;

/// <summary>
/// The legacy HTTP+SSE transport (protocol 2024-11-05) for older clients: <c>GET /sse</c> opens the event
/// stream and announces <c>/message?sessionId=…</c>, where the client POSTs its messages (202). The stream's
/// principal owns the session.
/// </summary>
public sealed class LegacySseEndpoint
{
    private readonly ConcurrentDictionary<string, (SseResponseStreamTransport Transport, string? Owner)> _sessions = new(StringComparer.Ordinal);
    private readonly IOptions<McpServerOptions> _serverOptions;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILoggerFactory _loggers;
    private readonly IServiceProvider _services;

    public LegacySseEndpoint(IOptions<McpServerOptions> serverOptions, IHostApplicationLifetime lifetime, ILoggerFactory loggers, IServiceProvider services)
    {
        _serverOptions = serverOptions;
        _lifetime = lifetime;
        _loggers = loggers;
        _services = services;
    }

    public async Task StreamAsync(HttpContext context)
    {
        var sessionId = McpHttpSessionStore.NewId();
        using var stream = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _lifetime.ApplicationStopping);
        JsonRpcHttp.StartEventStream(context);
        var messagePath = $"{context.Request.PathBase}/message?sessionId={sessionId}";
        await using var transport = new SseResponseStreamTransport(context.Response.Body, messagePath, sessionId);
        _sessions[sessionId] = (transport, Owner(context.User));
        try
        {
            var sending = transport.RunAsync(stream.Token);
            await using (var server = McpServer.Create(transport, _serverOptions.Value, _loggers, _services))
            {
                await server.RunAsync(stream.Token);
            }

            await transport.DisposeAsync();
            await sending;
        }
        catch (OperationCanceledException) when (stream.IsCancellationRequested)
        {
            // The client closed the stream, or the server stops: the normal end of an SSE session.
        }
        finally
        {
            _sessions.TryRemove(sessionId, out _);
        }
    }

    public async Task MessageAsync(HttpContext context)
    {
        var sessionId = context.Request.Query["sessionId"].ToString();
        if (sessionId.Length == 0 || !_sessions.TryGetValue(sessionId, out var session))
        {
            await JsonRpcHttp.WriteErrorAsync(context, StatusCodes.Status404NotFound, "Session not found: open GET /sse first and post to the endpoint it announces.", -32001);
            return;
        }

        if (!string.Equals(session.Owner, Owner(context.User), StringComparison.Ordinal))
        {
            await JsonRpcHttp.WriteErrorAsync(context, StatusCodes.Status403Forbidden, "Forbidden: this session belongs to another principal.");
            return;
        }

        var message = await JsonRpcHttp.ReadMessageAsync(context);
        if (message is null)
        {
            return; // answered: a parse error or a batch
        }

        if (InitializeParamsCheck.Problem(message) is { } invalidParams)
        {
            // Answered on the POST like an unreadable body; the session otherwise answers -32603 "An error occurred.".
            await JsonRpcHttp.WriteErrorAsync(context, StatusCodes.Status400BadRequest, invalidParams, (int)McpErrorCode.InvalidParams, ((JsonRpcRequest)message).Id);
            return;
        }

        await session.Transport.OnMessageReceivedAsync(message, context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        await context.Response.WriteAsync("Accepted", context.RequestAborted);
    }

    private static string? Owner(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirst(ClaimTypes.NameIdentifier)?.Value : null;
}
