using System.CommandLine;
using McpDataEnv.Core.Backends.Postgres;
using McpDataEnv.Core.Errors;
using McpDataEnv.Hosting;

namespace McpDataEnv.Cli;

/// <summary>
/// <c>mcpdataenv grants</c>: prints the PostgreSQL admin script for the environment (reader role, column grants,
/// row-level security policies from safety_policy.md, the audit table), for an administrator to review and run.
/// With <c>--login</c>, also what the server's own login needs (<see cref="PostgresLoginGrants"/>).
/// </summary>
public static class GrantsCommand
{
    public static Command Create()
    {
        var env = CommonOptions.Environment();
        var login = new Option<string>("--login")
        {
            Description = "The PostgreSQL login the server connects as: adds its grants (reader and audit writer roles, memory schema, advisory lock).",
        };
        var command = new Command("grants", "Print the PostgreSQL admin SQL (reader role, grants, row-level security, audit table) derived from the safety policy.") { env, login };
        command.SetAction((parse, ct) => RunAsync(parse.GetRequiredValue(env), parse.GetValue(login), ct));
        return command;
    }

    private static async Task<int> RunAsync(DirectoryInfo folder, string? login, CancellationToken cancellationToken)
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
            var statements = PostgresAdminScript.Statements(postgres.Schema, reader, environment.Policy, live)
                .Concat(string.IsNullOrWhiteSpace(login) ? [] : PostgresLoginGrants.Statements(login.Trim(), reader));
            await Console.Out.WriteAsync("BEGIN;\n" + string.Concat(statements.Select(x => x + ";\n")) + "COMMIT;\n").ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        catch (DataEnvException error)
        {
            await Console.Error.WriteLineAsync($"grants: {error.Message}").ConfigureAwait(false);
            return ExitCodes.Unavailable;
        }
    }
}
