using System.CommandLine;
using McpDataEnv.Core.Backends.Postgres;
using McpDataEnv.Core.Errors;
using McpDataEnv.Hosting;

namespace McpDataEnv.Cli;

/// <summary>
/// <c>mcpdataenv grants</c>: prints the PostgreSQL admin script for the environment (reader role, column grants,
/// row-level security policies from safety_policy.md), for an administrator to review and run.
/// </summary>
public static class GrantsCommand
{
    public static Command Create()
    {
        var env = CommonOptions.Environment();
        var command = new Command("grants", "Print the PostgreSQL admin SQL (reader role, grants, row-level security) derived from the safety policy.") { env };
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
        if (runtime.Backend is not PostgresBackend { ReaderRole: { } reader } postgres)
        {
            await Console.Error.WriteLineAsync("grants: this environment has no PostgreSQL database with a reader_role; nothing to grant.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            var live = await postgres.ReadSchemaAsync(refresh: true, cancellationToken).ConfigureAwait(false);
            await Console.Out.WriteAsync(PostgresAdminScript.Generate(postgres.Schema, reader, environment.Policy, live)).ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        catch (DataEnvException error)
        {
            await Console.Error.WriteLineAsync($"grants: {error.Message}").ConfigureAwait(false);
            return ExitCodes.Unavailable;
        }
    }
}
