using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using McpDataEnv.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
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

    /// <summary>What a client reads when it posts a JSON array: the current protocol version has no batches.</summary>
    public const string BatchNotSupported = "JSON-RPC batches are not supported; send one message per request";

    /// <summary>
    /// The body's message with the request's user attached (tools receive it as their <c>ClaimsPrincipal</c>); null
    /// when the body is not one JSON-RPC message, after answering 400 with the JSON-RPC error that says why (413 when the
    /// body is over <c>http.max_request_bytes</c>, 415 when it is not declared as UTF-8 JSON).
    /// </summary>
    public static async Task<JsonRpcMessage?> ReadMessageAsync(HttpContext context)
    {
        if (ContentTypeProblem(context.Request) is { } unsupported)
        {
            await WriteErrorAsync(context, StatusCodes.Status415UnsupportedMediaType, unsupported).ConfigureAwait(false);
            return null;
        }

        var body = new RecordingBodyStream(context.Request.Body);
        JsonRpcMessage? message;
        try
        {
            // The body is UTF-8 (checked above), so it is parsed as sent: the framework's charset handling throws on
            // a quoted charset such as "UTF-8".
            message = await JsonSerializer.DeserializeAsync(body, MessageType, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            message = null;
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's own 413 has an empty body, and clients show only "Error POSTing to endpoint".
            var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
            await WriteErrorAsync(context, StatusCodes.Status413PayloadTooLarge, TooLarge(limit), (int)McpErrorCode.InvalidRequest).ConfigureAwait(false);
            return null;
        }

        if (message is null)
        {
            await (body.LeadingByte == (byte)'['
                ? WriteErrorAsync(context, StatusCodes.Status400BadRequest, BatchNotSupported, (int)McpErrorCode.InvalidRequest)
                : WriteErrorAsync(context, StatusCodes.Status400BadRequest, ParseError(body.Recorded), (int)McpErrorCode.ParseError));
            return null;
        }

        if (context.User.Identity?.IsAuthenticated == true)
        {
            message.Context ??= new JsonRpcMessageContext();
            message.Context.User = context.User;
        }

        return message;
    }

    /// <summary>
    /// Null for <c>application/json</c> in UTF-8 (charset absent or utf-8, quoted or not), else the reason for a 415.
    /// Checked before reading: the framework's JSON reader threw on any other media type and on an unknown charset,
    /// which became a bare 500.
    /// </summary>
    public static string? ContentTypeProblem(HttpRequest request)
    {
        if (!request.HasJsonContentType())
        {
            return "Unsupported Media Type: POST a JSON-RPC message as application/json.";
        }

        var charset = MediaTypeHeaderValue.Parse(request.ContentType).Charset;
        return charset.HasValue && !IsUtf8(charset.Value.Trim('"'))
            ? $"Unsupported Media Type: MCP messages are UTF-8 JSON; send Content-Type: application/json (charset utf-8), not charset '{charset.Value}'."
            : null;
    }

    private static bool IsUtf8(string charset) =>
        charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);

    /// <summary>What a client reads when its body is over <c>http.max_request_bytes</c>.</summary>
    public static string TooLarge(long? limit) => string.Create(
        CultureInfo.InvariantCulture,
        $"Request body too large: this server accepts at most {limit:N0} bytes per message (http.max_request_bytes); send a smaller message (shorter text, fewer inputs).");

    private static string ParseError(ReadOnlySpan<byte> body) =>
        JsonNesting.ExceedsLimit(body) ? JsonNesting.TooDeep : "Parse error: the body is not a JSON-RPC message.";

    public static Task WriteErrorAsync(HttpContext context, int status, string message, int code = -32000, RequestId id = default) =>
        Results.Json(new JsonRpcError { Id = id, Error = new JsonRpcErrorDetail { Code = code, Message = message } }, ErrorType, statusCode: status)
            .ExecuteAsync(context);

    /// <summary>A JSON-RPC error as one <c>message</c> event on an event stream whose status is already sent.</summary>
    public static async Task WriteErrorEventAsync(HttpContext context, string message, int code, RequestId id)
    {
        var error = JsonSerializer.SerializeToUtf8Bytes(new JsonRpcError { Id = id, Error = new JsonRpcErrorDetail { Code = code, Message = message } }, ErrorType);
        var body = context.Response.Body;
        await body.WriteAsync("event: message\ndata: "u8.ToArray(), context.RequestAborted).ConfigureAwait(false);
        await body.WriteAsync(error, context.RequestAborted).ConfigureAwait(false);
        await body.WriteAsync("\n\n"u8.ToArray(), context.RequestAborted).ConfigureAwait(false);
        await body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    public static void StartEventStream(HttpContext context)
    {
        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache,no-store";
        context.Response.Headers.ContentEncoding = "identity";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        context.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();
    }
}
