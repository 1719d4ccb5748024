using System.Security.Claims;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpDataEnv.Http;

/// <summary>
/// The Streamable HTTP transport at one path: POST carries client messages (answered as an SSE stream or
/// 202), GET opens the server's unsolicited stream, DELETE ends a session. Sessions are bound to the
/// principal that initialized them.
/// </summary>
public sealed class StreamableHttpEndpoint
{
    public const string SessionHeader = "Mcp-Session-Id";

    private readonly McpHttpOptions _options;
    private readonly McpHttpSessionStore _sessions;
    private readonly IOptions<McpServerOptions> _serverOptions;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILoggerFactory _loggers;
    private readonly IServiceProvider _services;

    public StreamableHttpEndpoint(
        McpHttpOptions options,
        McpHttpSessionStore sessions,
        IOptions<McpServerOptions> serverOptions,
        IHostApplicationLifetime lifetime,
        ILoggerFactory loggers,
        IServiceProvider services)
    {
        _services = services;
        _options = options;
        _sessions = sessions;
        _serverOptions = serverOptions;
        _lifetime = lifetime;
        _loggers = loggers;
    }

    public async Task PostAsync(HttpContext context)
    {
        var accept = context.Request.GetTypedHeaders().Accept;
        if (!accept.Any(a => a.MatchesMediaType("application/json")) || !accept.Any(a => a.MatchesMediaType("text/event-stream")))
        {
            await JsonRpcHttp.WriteErrorAsync(context, StatusCodes.Status406NotAcceptable, "Not Acceptable: the client must accept both application/json and text/event-stream.");
            return;
        }

        if (JsonRpcHttp.ContentTypeProblem(context.Request) is { } unsupported)
        {
            await JsonRpcHttp.WriteErrorAsync(context, StatusCodes.Status415UnsupportedMediaType, unsupported);
            return;
        }

        if (ProtocolVersionHeader.Problem(context) is { } versionProblem)
        {
            await JsonRpcHttp.WriteErrorAsync(context, StatusCodes.Status400BadRequest, versionProblem);
            return;
        }

        var message = await JsonRpcHttp.ReadMessageAsync(context);
        if (message is null)
        {
            return; // answered: a parse error or a batch
        }

        var id = message is JsonRpcRequest request ? request.Id : default;
        if (InitializeParamsCheck.Problem(message) is { } invalidParams)
        {
            await JsonRpcHttp.WriteErrorAsync(context, StatusCodes.Status400BadRequest, invalidParams, (int)McpErrorCode.InvalidParams, id);
            return;
        }

        if (_options.Stateless)
        {
            await ServeStatelessAsync(context, message);
            return;
        }

        var session = await FindOrStartSessionAsync(context, message, id);
        if (session is null)
        {
            return;
        }

        using (session.Use())
        {
            await RespondAsync(context, session.Transport, message, session);
        }
    }

    public async Task GetAsync(HttpContext context)
    {
        if (_options.Stateless)
        {
            await MethodNotAllowedAsync(context, "this server is stateless: it has no standalone stream");
            return;
        }

        if (!context.Request.GetTypedHeaders().Accept.Any(a => a.MatchesMediaType("text/event-stream")))
        {
            await JsonRpcHttp.WriteErrorAsync(context, StatusCodes.Status406NotAcceptable, "Not Acceptable: the client must accept text/event-stream.");
            return;
        }

        var session = await ExistingSessionAsync(context, default);
        if (session is null)
        {
            return;
        }

        // One per session for its lifetime: the SDK transport refuses a second GET ("resumption not supported") even
        // after the first one ended, so a dropped stream is not reopened; the client is told how to get a new one.
        if (!session.TryOpenGetStream())
        {
            await JsonRpcHttp.WriteErrorAsync(context, StatusCodes.Status409Conflict,
                "Conflict: this session's GET stream was already opened; a session has one, and a closed one cannot be resumed. Initialize a new session for a new stream.");
            return;
        }

        // The standalone stream ends at shutdown without waiting for the client.
        using var stream = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _lifetime.ApplicationStopping);
        JsonRpcHttp.StartEventStream(context);
        await context.Response.Body.FlushAsync(stream.Token);
        try
        {
            await session.Transport.HandleGetRequestAsync(context.Response.Body, stream.Token);
        }
        catch (OperationCanceledException) when (stream.IsCancellationRequested)
        {
            // Client went away or the server stops.
        }
    }

    public async Task DeleteAsync(HttpContext context)
    {
        if (_options.Stateless)
        {
            await MethodNotAllowedAsync(context, "this server is stateless: there is no session to end");
            return;
        }

        var session = await ExistingSessionAsync(context, default);
        if (session is not null)
        {
            await _sessions.RemoveAsync(session.Id);
            context.Response.StatusCode = StatusCodes.Status200OK;
        }
    }

    private static async Task RespondAsync(HttpContext context, StreamableHttpServerTransport transport, JsonRpcMessage message, McpHttpSession? session = null)
    {
        JsonRpcHttp.StartEventStream(context);
        bool wrote;
        try
        {
            wrote = await transport.HandlePostRequestAsync(message, context.Response.Body, context.RequestAborted);
        }
        catch (Exception ended) when (ended is OperationCanceledException or ChannelClosedException && session?.IsClosed == true)
        {
            // Disposing the transport cancels what is in flight or closes the channel the request was about to enter;
            // both escaped as unhandled exceptions and the client saw its connection reset.
            await SessionEndedAsync(context, message);
            return;
        }

        if (session?.IsClosed == true && message is JsonRpcRequest)
        {
            // Otherwise the transport returns without an answer and the client reads an empty 200 event stream.
            await SessionEndedAsync(context, message);
            return;
        }

        if (!wrote)
        {
            context.Response.Headers.ContentType = (string?)null;
            context.Response.StatusCode = StatusCodes.Status202Accepted;
        }
    }

    /// <summary>
    /// The session ended (DELETE, idle expiry, shutdown) under a request in flight: the answer is a JSON-RPC error for
    /// its id, as a 404 while the status can still change, else as the event stream's last message.
    /// </summary>
    private static Task SessionEndedAsync(HttpContext context, JsonRpcMessage message)
    {
        const string Reason = "Session ended while this request was in flight (deleted, expired or shut down); initialize a new session and send it again.";
        var id = message is JsonRpcRequest request ? request.Id : default;
        return context.Response.HasStarted
            ? JsonRpcHttp.WriteErrorEventAsync(context, Reason, -32001, id)
            : JsonRpcHttp.WriteErrorAsync(context, StatusCodes.Status404NotFound, Reason, -32001, id);
    }

    private async Task ServeStatelessAsync(HttpContext context, JsonRpcMessage message)
    {
        var transport = new StreamableHttpServerTransport(_loggers) { Stateless = true };
        await using var server = McpServer.Create(transport, _serverOptions.Value, _loggers, context.RequestServices);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var run = server.RunAsync(stop.Token);
        try
        {
            await RespondAsync(context, transport, message);
        }
        finally
        {
            await transport.DisposeAsync();
            await stop.CancelAsync();
            await IgnoreCancellation(run);
        }
    }

    private async Task<McpHttpSession?> FindOrStartSessionAsync(HttpContext context, JsonRpcMessage message, RequestId id)
    {
        if (context.Request.Headers.ContainsKey(SessionHeader))
        {
            return await ExistingSessionAsync(context, id);
        }

        if (message is not JsonRpcRequest { Method: RequestMethods.Initialize })
        {
            await JsonRpcHttp.WriteErrorAsync(context, StatusCodes.Status400BadRequest,
                "Bad Request: send initialize first; every later request must carry the Mcp-Session-Id header it returned.", id: id);
            return null;
        }

        var sessionId = McpHttpSessionStore.NewId();
        var transport = new StreamableHttpServerTransport(_loggers) { SessionId = sessionId };
        var server = McpServer.Create(transport, _serverOptions.Value, _loggers, _services);
        var session = new McpHttpSession(sessionId, Owner(context.User), transport, server);
        await _sessions.AddAsync(session);
        context.Response.Headers[SessionHeader] = sessionId;
        return session;
    }

    private async Task<McpHttpSession?> ExistingSessionAsync(HttpContext context, RequestId id)
    {
        var sessionId = context.Request.Headers[SessionHeader].ToString();
        if (sessionId.Length == 0)
        {
            await JsonRpcHttp.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "Bad Request: the Mcp-Session-Id header is required.", id: id);
            return null;
        }

        var session = _sessions.Find(sessionId);
        if (session is null)
        {
            await JsonRpcHttp.WriteErrorAsync(context, StatusCodes.Status404NotFound, "Session not found: it ended or expired; initialize a new session.", -32001, id);
            return null;
        }

        if (!string.Equals(session.Owner, Owner(context.User), StringComparison.Ordinal))
        {
            await JsonRpcHttp.WriteErrorAsync(context, StatusCodes.Status403Forbidden, "Forbidden: this session belongs to another principal.", id: id);
            return null;
        }

        context.Response.Headers[SessionHeader] = session.Id;
        return session;
    }

    private static string? Owner(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirst(ClaimTypes.NameIdentifier)?.Value : null;

    private static Task MethodNotAllowedAsync(HttpContext context, string reason)
    {
        context.Response.Headers.Allow = "POST";
        return JsonRpcHttp.WriteErrorAsync(context, StatusCodes.Status405MethodNotAllowed, "Method Not Allowed: " + reason + ".");
    }

    private static async Task IgnoreCancellation(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
            // The per-request server loop ends by cancellation.
        }
    }
}
