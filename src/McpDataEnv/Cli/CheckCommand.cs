using System.CommandLine;
using McpDataEnv.Core.Environments;
using McpDataEnv.Hosting;

namespace McpDataEnv.Cli;

/// <summary><c>mcpdataenv check</c>: validates every file and the live database, reporting all errors at once.</summary>
public static class CheckCommand
{
    public static Command Create()
    {
        var env = CommonOptions.Environment();
        var command = new Command("check", "Validate every file of an environment (and its annotations against the live database); report all errors at once.")
        {
            env,
        };
        command.SetAction((parse, ct) => RunAsync(parse.GetRequiredValue(env), ct));
        return command;
    }

    private static async Task<int> RunAsync(DirectoryInfo folder, CancellationToken cancellationToken)
    {
        await using var cli = CliEnvironment.Open(folder);
        if (cli is null)
        {
            return ExitCodes.InvalidEnvironment;
        }

        var (environment, runtime) = (cli.Environment, cli.Runtime);
        if (!await runtime.Backend.IsSeededAsync(cancellationToken).ConfigureAwait(false))
        {
            await Console.Error.WriteLineAsync($"{Path.GetFileName(folder.FullName)}: files are valid; the database is not built yet, so annotations were not checked against it (run: mcpdataenv seed --env {folder}).").ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        var live = await runtime.Backend.ReadSchemaAsync(refresh: true, cancellationToken).ConfigureAwait(false);
        var errors = EnvironmentChecker.CheckAgainstLive(environment, live);
        if (errors.Count > 0)
        {
            await Console.Error.WriteLineAsync($"The environment at '{folder.FullName}' has {errors.Count} error(s):").ConfigureAwait(false);
            foreach (var error in errors)
            {
                await Console.Error.WriteLineAsync($"  {error}").ConfigureAwait(false);
            }

            return ExitCodes.InvalidEnvironment;
        }

        await Console.Out.WriteLineAsync($"ok: environment '{environment.Name}' is valid ({live.Tables.Count} tables checked against the live database).").ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
