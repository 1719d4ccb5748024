using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using McpDataEnv.Core.Errors;
using McpDataEnv.Hosting;
using McpDataEnv.Tools;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace McpDataEnv.Cli;

/// <summary>
/// <c>mcpdataenv call</c>: runs one tool once and prints its result as JSON. It goes through
/// the real MCP server over in-memory pipes, so it exercises exactly what a client would.
/// </summary>
public static class CallCommand
{
    public static Command Create()
    {
        var env = CommonOptions.Environment();
        var role = CommonOptions.Role();
        var tool = new Argument<string>("tool") { Description = "Tool name, e.g. run_readonly_sql." };
        var args = new Option<string[]>("--arg", "-a")
        {
            Description = "Tool argument as name=value (repeatable). Values are typed from the tool's input schema.",
            AllowMultipleArgumentsPerToken = false,
        };
        var json = new Option<string?>("--json") { Description = "All arguments as one JSON object, e.g. '{\"sql\":\"SELECT 1\"}'." };
        var command = new Command("call", "Run one tool once without an MCP client and print its result as JSON (exit 1 when the tool refuses).")
        {
            env, role, tool, args, json,
        };
        command.SetAction((parse, ct) => RunAsync(
            parse.GetRequiredValue(env), parse.GetValue(role), parse.GetRequiredValue(tool), parse.GetValue(args) ?? [], parse.GetValue(json), ct));
        return command;
    }

    private static async Task<int> RunAsync(DirectoryInfo folder, string? role, string tool, string[] args, string? json, CancellationToken cancellationToken)
    {
        ServerPrimitives.StartBuilding();
        var environment = EnvironmentBootstrap.LoadOrReport(folder.FullName, Console.Error);
        if (environment is null)
        {
            return ExitCodes.InvalidEnvironment;
        }

        using var loggers = StderrLogging.CreateFactory();
        try
        {
            var caller = EnvironmentBootstrap.CreateCaller(environment, role, principalName: "cli");
            await using var runtime = EnvironmentBootstrap.CreateRuntime(environment, loggers);
            await EnvironmentBootstrap.EnsureSeededAsync(runtime, Console.Error, cancellationToken).ConfigureAwait(false);
            var result = await InvokeAsync(runtime, caller, tool, args, json, loggers, cancellationToken).ConfigureAwait(false);
            await Console.Out.WriteLineAsync(Render(result)).ConfigureAwait(false);
            return result.IsError == true ? ExitCodes.ToolError : ExitCodes.Ok;
        }
        catch (DataEnvException error)
        {
            await Console.Error.WriteLineAsync(error.Message).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
    }

    private static async Task<CallToolResult> InvokeAsync(
        EnvironmentRuntime runtime, CallerContext caller, string tool, string[] args, string? json, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        await using var session = await InProcessSession.StartAsync(runtime, caller, loggers, cancellationToken).ConfigureAwait(false);
        var tools = await session.Client.ListToolsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var target = tools.FirstOrDefault(t => t.Name == tool) ?? throw new DataEnvException(
            ErrorCodes.InvalidArgument, $"Unknown tool '{tool}'. Available: {string.Join(", ", tools.Select(t => t.Name))}.");
        var arguments = CallArguments.Parse(args, json, target.JsonSchema);
        return await session.Client.CallToolAsync(new CallToolRequestParams { Name = tool, Arguments = arguments }, cancellationToken).ConfigureAwait(false);
    }

    private static string Render(CallToolResult result)
    {
        if (result.IsError != true && result.StructuredContent is { } structured)
        {
            return JsonSerializer.Serialize(structured, ToolJson.Indented);
        }

        var text = string.Concat(result.Content.OfType<TextContentBlock>().Select(b => b.Text));
        try
        {
            return JsonNode.Parse(text)?.ToJsonString(ToolJson.Indented) ?? text;
        }
        catch (JsonException)
        {
            return JsonSerializer.Serialize(new { text }, ToolJson.Indented);
        }
    }
}
