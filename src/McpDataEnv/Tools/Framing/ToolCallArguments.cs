using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpDataEnv.Tools;

/// <summary>
/// The raw arguments of the tool call in flight, captured by a call-tool filter so the audit trail
/// records exactly what the client sent (full SQL or script text) for every tool, without each tool
/// having to pass them on.
/// </summary>
public static class ToolCallArguments
{
    private static readonly AsyncLocal<IDictionary<string, JsonElement>?> Current = new();

    /// <summary>The request filter that captures the arguments around each tools/call.</summary>
    public static McpRequestFilter<CallToolRequestParams, CallToolResult> Filter { get; } = next => async (context, cancellationToken) =>
    {
        Current.Value = context.Params?.Arguments;
        try
        {
            return await next(context, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Current.Value = null;
        }
    };

    /// <summary>The current call's arguments as text: strings as they are, anything else as JSON.</summary>
    public static IReadOnlyDictionary<string, string?> Snapshot()
    {
        var arguments = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in Current.Value ?? new Dictionary<string, JsonElement>())
        {
            arguments[name] = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => value.GetRawText(),
            };
        }

        return arguments;
    }
}
