using System.CommandLine;
using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Errors;
using McpDataEnv.Hosting;

namespace McpDataEnv.Cli;

/// <summary><c>mcpdataenv check</c>: validates every file, then the annotations, the policy and every metric's canonical SQL against the live database, reporting all errors at once.</summary>
public static class CheckCommand
{
    public static Command Create()
    {
        var env = CommonOptions.Environment();
        var command = new Command("check", "Validate every file of an environment (its annotations and policy against the live database, and every metric's SQL run on it); report all errors at once.")
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

        try
        {
            return await CheckLiveAsync(folder, cli.Environment, cli.Runtime, cancellationToken).ConfigureAwait(false);
        }
        catch (DataEnvException unavailable) when (unavailable.Code == ErrorCodes.DatabaseUnavailable)
        {
            // One sentence for the whole check: every live comparison would fail for the same reason.
            await Console.Error.WriteLineAsync($"{Path.GetFileName(folder.FullName)}: files are valid, but the database could not be reached, so the annotations, " +
                $"the policy and the metrics' SQL were not checked against it: {unavailable.Message}").ConfigureAwait(false);
            return ExitCodes.Unavailable;
        }
    }

    private static async Task<int> CheckLiveAsync(DirectoryInfo folder, EnvironmentDefinition environment, EnvironmentRuntime runtime, CancellationToken cancellationToken)
    {
        if (!await runtime.Backend.IsSeededAsync(cancellationToken).ConfigureAwait(false))
        {
            await Console.Error.WriteLineAsync($"{Path.GetFileName(folder.FullName)}: files are valid; the database is not built yet, so annotations and metrics were not checked against it (run: mcpdataenv seed --env {folder}).").ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        var live = await runtime.Backend.ReadSchemaAsync(refresh: true, cancellationToken).ConfigureAwait(false);
        var errors = EnvironmentChecker.CheckAgainstLive(environment, live)
            .Concat(await MetricSqlChecker.CheckAsync(environment.Rules, environment.Files.BusinessRules, runtime.Queries, cancellationToken).ConfigureAwait(false))
            .ToList();
        if (errors.Count > 0)
        {
            await Console.Error.WriteLineAsync($"The environment at '{folder.FullName}' has {errors.Count} error(s):").ConfigureAwait(false);
            foreach (var error in errors)
            {
                await Console.Error.WriteLineAsync($"  {error}").ConfigureAwait(false);
            }

            return ExitCodes.InvalidEnvironment;
        }

        await Console.Out.WriteLineAsync($"ok: environment '{environment.Name}' is valid ({live.Tables.Count} tables checked against the live database, " +
            $"{environment.Rules.Metrics.Count} metrics' SQL run on it).").ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
