using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpDataEnv.Hosting;

/// <summary>
/// The incoming message filter that refuses request parameters the SDK cannot read, with JSON-RPC -32602 (invalid
/// params) and a message that says what is wrong and how to fix it. Without it the SDK's own reading of the
/// parameters throws inside its request handler and the client reads -32603 "An error occurred.".
/// </summary>
/// <remarks>
/// <para>
/// One place for stdio and HTTP alike: every transport hands its messages to the same session, and message filters run
/// there before any request handler. Covered: a string or property name holding an unpaired UTF-16 surrogate (JSON
/// can spell one, <c>"\ud800"</c>; no .NET string can be read from it), <c>params</c> that is not an object,
/// <c>tools/call</c> whose <c>name</c> is not a string or whose <c>arguments</c> is not an object, and
/// <c>logging/setLevel</c> with a level that is not one of the protocol's eight.
/// </para>
/// <para>
/// Not audited: these are protocol errors, like an unknown tool or method, not tool calls. The audit records calls the
/// server could read (a schema misfit of readable arguments is an audited <c>invalid_argument</c> refusal, see
/// <c>ToolArgumentCheck</c>); a request refused here names no readable tool or carries text that cannot be written
/// down exactly. The refusal is logged on stderr by the SDK like any failed request. The messages reach the client.
/// </para>
/// </remarks>
internal static class RequestParamsCheck
{
    // RequestMethods.LoggingSetLevel is marked obsolete (the feature leaves the protocol in 2026-07-28); clients still send it.
    private const string SetLevelMethod = "logging/setLevel";

    public static readonly IReadOnlyList<string> LoggingLevels = ["debug", "info", "notice", "warning", "error", "critical", "alert", "emergency"];

    public static McpMessageFilter Filter { get; } = next => (context, cancellationToken) =>
        context.JsonRpcMessage is JsonRpcRequest request && Problem(request) is { } problem
            ? throw new McpProtocolException(problem, McpErrorCode.InvalidParams)
            : next(context, cancellationToken);

    /// <summary>Null when the SDK can read the request's parameters, else what is wrong with them, for the client.</summary>
    public static string? Problem(JsonRpcRequest request)
    {
        var parameters = request.Params;
        if (parameters is null)
        {
            return null;
        }

        if (parameters is not JsonObject)
        {
            return $"params of {request.Method} must be a JSON object; got {Kind(parameters)}.";
        }

        if (UnpairedSurrogate(parameters) is { } path)
        {
            return $"text contains an unpaired UTF-16 surrogate at {Place(request.Method, path)}; send valid Unicode (a \\uD800-\\uDFFF escape must be half of a pair).";
        }

        return request.Method switch
        {
            RequestMethods.ToolsCall => ToolsCallProblem(parameters.AsObject()),
            SetLevelMethod => LevelProblem(parameters.AsObject()),
            _ => null,
        };
    }

    private static string? ToolsCallProblem(JsonObject parameters)
    {
        if (parameters["name"] is { } name && name.GetValueKind() != JsonValueKind.String)
        {
            return $"name must be a string naming a tool (see tools/list); got {Kind(name)}.";
        }

        return parameters["arguments"] is { } arguments && arguments.GetValueKind() != JsonValueKind.Object
            ? $"arguments must be a JSON object of argument names to values (see the tool's inputSchema in tools/list); got {Kind(arguments)}."
            : null;
    }

    private static string? LevelProblem(JsonObject parameters)
    {
        var level = parameters["level"];
        return level?.GetValueKind() == JsonValueKind.String && LoggingLevels.Contains(level.GetValue<string>(), StringComparer.Ordinal)
            ? null
            : $"level must be one of {string.Join(", ", LoggingLevels)}; got {(level is null ? "nothing" : Shown(level))}.";
    }

    /// <summary>The path of the first string or property name that holds an unpaired surrogate, or null.</summary>
    /// <remarks>The path is spelt only once one is found: every request passes through here.</remarks>
    private static string? UnpairedSurrogate(JsonNode root) => FirstUnreadable(root) is { } found ? PathOf(found, root) : null;

    // The node whose text (a value, or a property name of an object) cannot be read as .NET text, or null.
    private static JsonNode? FirstUnreadable(JsonNode? node)
    {
        try
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (_, child) in o)
                    {
                        if (FirstUnreadable(child) is { } found)
                        {
                            return found;
                        }
                    }

                    return null;
                case JsonArray a:
                    foreach (var child in a)
                    {
                        if (FirstUnreadable(child) is { } found)
                        {
                            return found;
                        }
                    }

                    return null;
                case JsonValue v when v.TryGetValue<JsonElement>(out var element) && element.ValueKind == JsonValueKind.String && MayHoldSurrogate(element):
                    _ = element.GetString();
                    return null;
                default:
                    return null;
            }
        }
        catch (InvalidOperationException)
        {
            // Reading a name or a value as .NET text failed: System.Text.Json refuses exactly the unpaired surrogates
            // (the reader has already refused invalid UTF-8 and bad escapes when the message was parsed).
            return node;
        }
    }

    // "params.arguments.sql", "params.arguments.inputs[1]": the ancestors' names were read before the failing node was
    // reached, so they are readable.
    private static string PathOf(JsonNode node, JsonNode root)
    {
        var segments = new Stack<string>();
        for (var at = node; at != root && at.Parent is { } parent; at = parent)
        {
            segments.Push(parent is JsonArray ? $"[{at.GetElementIndex()}]" : $".{at.GetPropertyName()}");
        }

        return "params" + string.Concat(segments);
    }

    // A surrogate can only arrive escaped (UTF-8 cannot encode one), so a string with no "\u" followed by d or D is
    // read without decoding it: a 5 MB argument costs one vectorised scan, not a copy.
    private static bool MayHoldSurrogate(JsonElement element)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        for (var at = raw.IndexOf("\\u"u8); at >= 0 && at + 2 < raw.Length; at = NextEscape(raw, at))
        {
            if ((raw[at + 2] | 0x20) == 'd')
            {
                return true;
            }
        }

        return false;
    }

    private static int NextEscape(ReadOnlySpan<byte> raw, int at)
    {
        var next = raw[(at + 2)..].IndexOf("\\u"u8);
        return next < 0 ? -1 : at + 2 + next;
    }

    private static string Place(string method, string path)
    {
        // Property names are the client's text too: a path of long names is named by its start.
        path = path.Length <= 200 ? path : path[..200] + "...";
        const string Arguments = "params.arguments.";
        if (method is RequestMethods.ToolsCall or RequestMethods.PromptsGet && path.StartsWith(Arguments, StringComparison.Ordinal))
        {
            var rest = path[Arguments.Length..];
            var end = rest.IndexOfAny(['.', '[']);
            return end < 0 ? $"argument '{rest}'" : $"argument '{rest[..end]}' ({rest})";
        }

        return path;
    }

    private static string Kind(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    private static string Shown(JsonNode node) =>
        node.GetValueKind() == JsonValueKind.String && node.GetValue<string>() is { Length: <= 40 } text ? $"\"{text}\"" : Kind(node);
}
