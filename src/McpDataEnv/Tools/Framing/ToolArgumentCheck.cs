using System.Text.Json;
using McpDataEnv.Core.Errors;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpDataEnv.Tools;

/// <summary>
/// The call-tool filter that refuses malformed arguments as an <c>invalid_argument</c> tool result through the
/// <see cref="ToolRunner"/>, so the refusal is actionable, counted and audited like any other. Without it the SDK's
/// binding throws before any tool code runs, the client reads "An error occurred invoking", and nothing is audited.
/// </summary>
internal static class ToolArgumentCheck
{
    public static McpRequestFilter<CallToolRequestParams, CallToolResult> Filter { get; } = next => async (context, cancellationToken) =>
    {
        if (context.MatchedPrimitive is not McpServerTool tool || context.Services?.GetService(typeof(ToolRunner)) is not ToolRunner runner)
        {
            return await next(context, cancellationToken).ConfigureAwait(false);
        }

        var name = tool.ProtocolTool.Name;
        if (ToolArgumentSchema.Problem(name, tool.ProtocolTool.InputSchema, context.Params?.Arguments) is { } problem)
        {
            return await runner.RunAsync(name, context, _ => throw problem, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await next(context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ArgumentException or JsonException)
        {
            // Every tool body runs inside ToolRunner, which turns its own failures into results: what arrives here is
            // the SDK failing to bind an argument the schema check let through. Its message names CLR types, not ours.
            var unreadable = new DataEnvException(
                ErrorCodes.InvalidArgument,
                $"The arguments of {name} could not be read. Send them as its input schema (tools/list) describes.",
                new Dictionary<string, object?> { ["tool"] = name });
            return await runner.RunAsync(name, context, _ => throw unreadable, cancellationToken).ConfigureAwait(false);
        }
    };
}
