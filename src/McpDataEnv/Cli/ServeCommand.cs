using System.CommandLine;
using McpDataEnv.Core.Errors;
using McpDataEnv.Hosting;
using McpDataEnv.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;

namespace McpDataEnv.Cli;

/// <summary><c>mcpdataenv serve</c>: validates the environment, then serves it over MCP.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var env = CommonOptions.Environment();
        var role = CommonOptions.Role();
        var transport = new Option<string>("--transport", "-t")
        {
            Description = "Transport: stdio, or http (Streamable HTTP at /mcp and legacy SSE at /sse).",
            DefaultValueFactory = _ => "stdio",
        };
        transport.AcceptOnlyFromAmong("stdio", "http");
        var http = new ServeHttpOptions();

        var command = new Command("serve", "Serve an environment over MCP (stdio: only protocol frames go to stdout; logs go to stderr).")
        {
            env, role, transport, http.Urls, http.Stateless, http.AllowAnonymous,
        };
        command.SetAction(async (parse, ct) =>
        {
            // Disposed after the server stopped: flushes the last spans and metric points.
            using var telemetry = OtlpTelemetry.FromEnvironment();
            return parse.GetValue(transport) == "http"
                ? await ServeHttpOptions.RunAsync(parse.GetRequiredValue(env), http.Read(parse), ct).ConfigureAwait(false)
                : await RunAsync(parse.GetRequiredValue(env), parse.GetValue(role), ct).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(DirectoryInfo folder, string? role, CancellationToken cancellationToken)
    {
        // Overlaps the costliest start-up step with loading the environment (see ServerPrimitives).
        ServerPrimitives.StartBuilding();
        var environment = EnvironmentBootstrap.LoadOrReport(folder.FullName, Console.Error);
        if (environment is null)
        {
            return ExitCodes.InvalidEnvironment;
        }

        // The role is checked before anything is opened (database, audit log, sandbox): a typo changes nothing.
        using var loggers = StderrLogging.CreateFactory();
        CallerContext caller;
        try
        {
            caller = EnvironmentBootstrap.CreateCaller(environment, role, principalName: "stdio");
        }
        catch (DataEnvException error)
        {
            await Console.Error.WriteLineAsync(error.Message).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        await using var runtime = EnvironmentBootstrap.CreateRuntime(environment, loggers);
        await EnvironmentBootstrap.EnsureSeededAsync(runtime, Console.Error, cancellationToken).ConfigureAwait(false);

        // No generic host: one stdio session is the whole process (stdin closing or Ctrl+C ends it), and the host's
        // configuration, lifetime and hosted-service machinery only add start-up time before the first answer.
        var services = new ServiceCollection().AddSingleton(loggers).AddLogging();
        services.AddEnvironmentServer(runtime, new FixedCallerResolver(caller), caller);
        await using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<McpServerOptions>>().Value;
        await using var transport = new StdioTransport(McpServerSetup.ServerName, loggers);
        await using var server = McpServer.Create(transport, options, loggers, provider);
        await server.RunAsync(cancellationToken).ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
