using System.CommandLine;
using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Memory;
using McpDataEnv.Hosting;

namespace McpDataEnv.Cli;

/// <summary><c>mcpdataenv memory history</c>: prints every revision of one core block, oldest first.</summary>
public static class MemoryCommand
{
    public static Command Create()
    {
        var env = CommonOptions.Environment();
        var key = new Option<string>("--key", "-k") { Description = "The core block key.", Required = true };
        var principal = new Option<string>("--principal", "-p")
        {
            Description = "Whose memory: an HTTP principal name, or 'stdio' (the serve --stdio caller, the default).",
            DefaultValueFactory = _ => "stdio",
        };
        var scope = new Option<string?>("--scope", "-s")
        {
            Description = "A shared scope declared under memory.shared in safety_policy.md ('team' or 'shared:team'); --principal is then ignored.",
        };
        var history = new Command("history", "Print the revision history of a core memory block (old and new value, who, when, which tool).")
        {
            env, key, principal, scope,
        };
        history.SetAction((parse, ct) => HistoryAsync(
            parse.GetRequiredValue(env), parse.GetRequiredValue(key), parse.GetRequiredValue(principal), parse.GetValue(scope), ct));
        return new Command("memory", "Inspect an environment's tiered memory.") { history };
    }

    private static async Task<int> HistoryAsync(DirectoryInfo folder, string key, string principal, string? shared, CancellationToken cancellationToken)
    {
        await using var cli = CliEnvironment.Open(folder);
        if (cli is null)
        {
            return ExitCodes.InvalidEnvironment;
        }

        var (environment, runtime) = (cli.Environment, cli.Runtime);
        try
        {
            MemoryScope scope;
            if (string.IsNullOrEmpty(shared))
            {
                scope = new MemoryScope(environment.Name, principal);
            }
            else
            {
                var name = shared.StartsWith(MemoryScope.SharedPrefix, StringComparison.Ordinal) ? shared[MemoryScope.SharedPrefix.Length..] : shared;
                if (!environment.Policy.SharedMemory.Scopes.ContainsKey(name))
                {
                    var declared = string.Join(", ", environment.Policy.SharedMemory.Scopes.Keys.Order(StringComparer.Ordinal));
                    await Console.Error.WriteLineAsync($"No shared memory scope '{name}' in safety_policy.md (memory.shared); declared: {(declared.Length > 0 ? declared : "none")}.").ConfigureAwait(false);
                    return ExitCodes.Usage;
                }

                scope = MemoryScope.Shared(environment.Name, name);
            }

            var revisions = await runtime.Memory.GetHistoryAsync(scope, key, cancellationToken).ConfigureAwait(false);
            if (revisions.Count == 0)
            {
                var whose = scope.IsShared ? $"shared scope '{scope.Label}'" : $"memory of '{principal}'";
                await Console.Error.WriteLineAsync($"No core block '{key}' in the {whose} ({environment.Name}).").ConfigureAwait(false);
                return ExitCodes.ToolError;
            }

            await Console.Out.WriteAsync(MemoryHistoryText.Render(revisions)).ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        catch (DataEnvException error)
        {
            await Console.Error.WriteLineAsync(error.Message).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
    }
}
