using System.CommandLine;
using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Governance.Audit;
using McpDataEnv.Hosting;

namespace McpDataEnv.Cli;

/// <summary><c>mcpdataenv audit verify|tail</c>: checks the hash chain of the audit trail, or shows recent entries.</summary>
public static class AuditCommand
{
    public static Command Create()
    {
        var verifyEnv = CommonOptions.Environment();
        var verify = new Command("verify", "Check the audit trail's hash chain; exit 1 naming the first edited, removed or reordered entry.") { verifyEnv };
        verify.SetAction((parse, ct) => VerifyAsync(parse.GetRequiredValue(verifyEnv), ct));

        var tailEnv = CommonOptions.Environment();
        var count = new Option<int>("-n", "--lines") { Description = "How many recent entries to show.", DefaultValueFactory = _ => 20 };
        var tail = new Command("tail", "Show the most recent audit entries, one per line.") { tailEnv, count };
        tail.SetAction((parse, ct) => TailAsync(parse.GetRequiredValue(tailEnv), parse.GetValue(count), ct));

        return new Command("audit", "Inspect the environment's append-only audit trail.") { verify, tail };
    }

    private static async Task<int> VerifyAsync(DirectoryInfo folder, CancellationToken cancellationToken)
    {
        await using var trail = ReaderOf(folder);
        if (trail is null)
        {
            return ExitCodes.InvalidEnvironment;
        }

        try
        {
            var verdict = await trail.VerifyAsync(cancellationToken).ConfigureAwait(false);
            if (verdict.Valid)
            {
                Console.Out.WriteLine($"ok: {verdict.Entries} audit entries, hash chain intact ({trail.Location}).");
                return ExitCodes.Ok;
            }

            Console.Error.WriteLine($"audit trail broken at line {verdict.Line}{(verdict.Seq is { } seq ? $" (seq {seq})" : "")} of {trail.Location}: {verdict.Problem}. {verdict.Entries} entries before it are intact.");
            return ExitCodes.ToolError;
        }
        catch (DataEnvException error)
        {
            Console.Error.WriteLine($"audit verify: {error.Message}");
            return ExitCodes.Unavailable;
        }
    }

    private static async Task<int> TailAsync(DirectoryInfo folder, int count, CancellationToken cancellationToken)
    {
        await using var trail = ReaderOf(folder);
        if (trail is null)
        {
            return ExitCodes.InvalidEnvironment;
        }

        try
        {
            foreach (var entry in await trail.TailAsync(Math.Max(1, count), cancellationToken).ConfigureAwait(false))
            {
                Console.Out.WriteLine(entry is { } e ? Render(e) : "(unreadable entry: run `mcpdataenv audit verify`)");
            }

            return ExitCodes.Ok;
        }
        catch (DataEnvException error)
        {
            Console.Error.WriteLine($"audit tail: {error.Message}");
            return ExitCodes.Unavailable;
        }
    }

    private static string Render(AuditEntry e)
    {
        var outcome = e.Verdict == "ok" ? $"ok{(e.Rows is { } rows ? $" {rows} rows" : "")}" : $"{e.Verdict} {e.Code}{(e.Rules.Count > 0 ? $" [{string.Join(", ", e.Rules)}]" : "")}";
        var args = string.Join(" ", e.Arguments.Select(a => $"{a.Key}={Shorten(a.Value)}"));
        return $"#{e.Seq} {e.Time:yyyy-MM-dd HH:mm:ss}Z {e.Principal}/{e.Role} {e.Tool} {outcome} {e.DurationMs:0.#}ms {args}";
    }

    private static string Shorten(string? value)
    {
        var flat = (value ?? "null").ReplaceLineEndings(" ");
        return flat.Length <= 120 ? flat : flat[..117] + "...";
    }

    private static IAuditReader? ReaderOf(DirectoryInfo folder)
    {
        var environment = EnvironmentBootstrap.LoadOrReport(folder.FullName, Console.Error);
        return environment is null ? null : AuditTrails.Reader(environment);
    }
}
