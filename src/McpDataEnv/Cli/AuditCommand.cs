using System.CommandLine;
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
        verify.SetAction(parse => Verify(parse.GetRequiredValue(verifyEnv)));

        var tailEnv = CommonOptions.Environment();
        var count = new Option<int>("-n", "--lines") { Description = "How many recent entries to show.", DefaultValueFactory = _ => 20 };
        var tail = new Command("tail", "Show the most recent audit entries, one per line.") { tailEnv, count };
        tail.SetAction(parse => Tail(parse.GetRequiredValue(tailEnv), parse.GetValue(count)));

        return new Command("audit", "Inspect the environment's append-only audit trail.") { verify, tail };
    }

    private static int Verify(DirectoryInfo folder)
    {
        if (PathOf(folder) is not { } path)
        {
            return ExitCodes.InvalidEnvironment;
        }

        var verdict = AuditVerifier.VerifyFile(path);
        if (verdict.Valid)
        {
            Console.Out.WriteLine($"ok: {verdict.Entries} audit entries, hash chain intact.");
            return ExitCodes.Ok;
        }

        Console.Error.WriteLine($"audit trail broken at line {verdict.Line}{(verdict.Seq is { } seq ? $" (seq {seq})" : "")}: {verdict.Problem}. {verdict.Entries} entries before it are intact.");
        return ExitCodes.ToolError;
    }

    private static int Tail(DirectoryInfo folder, int count)
    {
        if (PathOf(folder) is not { } path)
        {
            return ExitCodes.InvalidEnvironment;
        }

        var lines = File.Exists(path) ? File.ReadLines(path).TakeLast(Math.Max(1, count)) : [];
        foreach (var line in lines)
        {
            Console.Out.WriteLine(AuditChain.Parse(line) is { } e ? Render(e) : "(unreadable line: run `mcpdataenv audit verify`)");
        }

        return ExitCodes.Ok;
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

    private static string? PathOf(DirectoryInfo folder)
    {
        var environment = EnvironmentBootstrap.LoadOrReport(folder.FullName, Console.Error);
        return environment is null ? null : EnvironmentBootstrap.AuditPath(environment);
    }
}
