using System.CommandLine;
using McpDataEnv.Core.Errors;
using McpDataEnv.Hosting;
using McpDataEnv.Http;

namespace McpDataEnv.Cli;

/// <summary>The <c>serve</c> options that only apply to <c>--transport http</c>, and the HTTP serve action.</summary>
public sealed class ServeHttpOptions
{
    public Option<string[]> Urls { get; } = new("--urls")
    {
        Description = "Where to listen (default http://127.0.0.1:5100). Beyond loopback only with principals configured.",
        DefaultValueFactory = _ => ["http://127.0.0.1:5100"],
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<bool> Stateless { get; } = new("--stateless")
    {
        Description = "No server-side sessions: any replica behind a load balancer can answer any request (no legacy SSE).",
    };

    public Option<string?> AllowAnonymous { get; } = new("--allow-anonymous")
    {
        Description = "Role for requests without credentials, from loopback only (local tools, the MCP Inspector).",
    };

    public HttpServeOptions Read(ParseResult parse) => new(
        parse.GetValue(Urls) ?? [],
        parse.GetValue(Stateless),
        parse.GetValue(AllowAnonymous),
        Core.Environments.HttpSettings.Defaults);

    public static async Task<int> RunAsync(DirectoryInfo folder, HttpServeOptions options, CancellationToken cancellationToken)
    {
        ServerPrimitives.StartBuilding();
        await using var cli = CliEnvironment.Open(folder);
        if (cli is null)
        {
            return ExitCodes.InvalidEnvironment;
        }

        var (environment, runtime) = (cli.Environment, cli.Runtime);
        await EnvironmentBootstrap.EnsureSeededAsync(runtime, Console.Error, cancellationToken).ConfigureAwait(false);
        try
        {
            await HttpServe.RunAsync(runtime, options with { Settings = environment.Http }, Console.Error, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        catch (DataEnvException error)
        {
            await Console.Error.WriteLineAsync("mcpdataenv: " + error.Message).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
    }
}
