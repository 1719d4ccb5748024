using System.CommandLine;
using System.Diagnostics;
using McpDataEnv.Core.Errors;
using McpDataEnv.Hosting;

namespace McpDataEnv.Cli;

/// <summary><c>mcpdataenv seed</c>: (re)builds the environment's deterministic demo database.</summary>
public static class SeedCommand
{
    public static Command Create()
    {
        var env = CommonOptions.Environment();
        var scale = new Option<int>("--scale")
        {
            Description = "Multiplies orders and their items (1 = 60,000 orders; 10 = 600,000; 100 = 6,000,000).",
            DefaultValueFactory = _ => 1,
        };
        scale.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 1000)
            {
                result.AddError("--scale must be between 1 and 1000.");
            }
        });

        var command = new Command("seed", "Build the environment's demo database from the deterministic generator (same data on every machine).")
        {
            env, scale,
        };
        command.SetAction((parse, ct) => RunAsync(parse.GetRequiredValue(env), parse.GetValue(scale), ct));
        return command;
    }

    private static async Task<int> RunAsync(DirectoryInfo folder, int scale, CancellationToken cancellationToken)
    {
        await using var cli = CliEnvironment.Open(folder);
        if (cli is null)
        {
            return ExitCodes.InvalidEnvironment;
        }

        var (environment, runtime) = (cli.Environment, cli.Runtime);
        var clock = Stopwatch.StartNew();
        try
        {
            await EnvironmentBootstrap.SeedAsync(runtime, scale, cancellationToken).ConfigureAwait(false);
            if (runtime.Backend is Core.Backends.Postgres.PostgresBackend postgres)
            {
                // Grants and row-level security from the safety policy, so row filters hold in the engine.
                await postgres.ApplyAdminScriptAsync(environment.Policy, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (DataEnvException error)
        {
            await Console.Error.WriteLineAsync($"seed failed: {error.Message}").ConfigureAwait(false);
            return ExitCodes.Unavailable;
        }

        await Console.Error.WriteLineAsync($"Seeded '{environment.Name}' ({environment.Database}) at scale {scale} in {clock.Elapsed.TotalSeconds:0.0} s.").ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
