using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpDataEnv.Http;

/// <summary>Reading JSON-RPC messages from request bodies and writing JSON-RPC errors and SSE headers.</summary>
public static class JsonRpcHttp
{
    private static readonly JsonTypeInfo<JsonRpcMessage> MessageType =
        (JsonTypeInfo<JsonRpcMessage>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcMessage));

    private static readonly JsonTypeInfo<JsonRpcError> ErrorType =
        (JsonTypeInfo<JsonRpcError>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcError));

    /// <summary>The body's message with the request's user attached (tools receive it as their <c>ClaimsPrincipal</c>); null when malformed.</summary>
    public static async Task<JsonRpcMessage?> ReadMessageAsync(HttpContext context)
    {
        JsonRpcMessage? message;
        try
        {
            message = await context.Request.ReadFromJsonAsync(MessageType, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }

        if (message is not null && context.User.Identity?.IsAuthenticated == true)
        {
            message.Context ??= new JsonRpcMessageContext();
            message.Context.User = context.User;
        }

        return message;
    }

    public static Task WriteErrorAsync(HttpContext context, int status, string message, int code = -32000, RequestId id = default) =>
        Results.Json(new JsonRpcError { Id = id, Error = new JsonRpcErrorDetail { Code = code, Message = message } }, ErrorType, statusCode: status)
            .ExecuteAsync(context);

    public static void StartEventStream(HttpContext context)
    {
        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache,no-store";
        context.Response.Headers.ContentEncoding = "identity";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        context.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();
    }
}
