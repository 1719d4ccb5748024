using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using McpDataEnv.Tests.Support;

namespace McpDataEnv.Tests.EndToEnd;

/// <summary>Script workers never outlive their server, even one killed with SIGKILL.</summary>
public sealed class ScriptWorkerLifetimeTests : IClassFixture<SeededEnvironment>
{
    // Busy for hours, whatever the machine's speed: each statement scans 8 M characters without allocating, so neither
    // the 50 M statement cap nor the allocation budget ends the run (an empty `while (true) {}` reaches the statement
    // cap in seconds, after which the worker finds its pipe closed and exits without any parent watch).
    private const string EndlessScript = "var s = 'x'; for (var i = 0; i < 23; i++) { s += s; } while (true) { s.indexOf('y'); }";

    private readonly SeededEnvironment _env;

    public ScriptWorkerLifetimeTests(SeededEnvironment env) => _env = env;

    [Fact]
    public async Task A_busy_worker_of_a_server_killed_with_SIGKILL_exits_by_itself()
    {
        // A script limit (also the worker's own interpreter timeout; the most a worker accepts) far longer than the waits
        // below: only noticing the dead server can end the busy worker in time.
        var folder = _env.Variant("endless-script", yaml => Regex.Replace(yaml, @"(?m)^  timeout_ms: \d+", "  timeout_ms: 600000"));
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { TestPaths.ServerDll, "serve", "--env", folder })
        {
            start.ArgumentList.Add(arg);
        }

        using var server = Process.Start(start)!;
        _ = server.StandardError.ReadToEndAsync();
        await server.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"lifetime-test","version":"1"}}}""");
        await server.StandardInput.FlushAsync();
        (await server.StandardOutput.ReadLineAsync()).Should().Contain("\"id\":1");
        await server.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        await server.StandardInput.FlushAsync();

        var call = new JsonObject
        {
            ["jsonrpc"] = "2.0", ["id"] = 2, ["method"] = "tools/call",
            ["params"] = new JsonObject { ["name"] = "run_script", ["arguments"] = new JsonObject { ["code"] = EndlessScript } },
        };
        await server.StandardInput.WriteLineAsync(call.ToJsonString());
        await server.StandardInput.FlushAsync();

        // Wait for the event, not for a guessed time: a worker is busy once its run thread exists (it then reads no
        // stdin, so a closed pipe cannot end it). Starting the server and its pool on a loaded machine takes a while.
        var busy = await WaitForAsync(() => WorkersOf(server.Id).Where(IsRunningAScript).ToList(), w => w.Count > 0, TimeSpan.FromMinutes(2));
        busy.Should().ContainSingle("one worker runs the endless script");
        var workers = WorkersOf(server.Id);
        workers.Should().Contain(busy);

        server.Kill(entireProcessTree: false); // SIGKILL to the server alone, as a crash would
        await server.WaitForExitAsync();

        // Generous for a loaded machine (the worker checks its parent every 250 ms), yet far inside the script limit.
        var survivors = await WaitForAsync(() => workers.Where(IsAlive).ToList(), s => s.Count == 0, TimeSpan.FromMinutes(1));
        foreach (var pid in survivors)
        {
            Process.GetProcessById(pid).Kill(); // do not leak them into later tests even when the assertion fails
        }

        survivors.Should().BeEmpty("a worker notices its server is gone and exits");
    }

    /// <summary>
    /// Whether <paramref name="pid"/> is inside a run: the worker starts a thread named <c>script-run</c> for each run
    /// (RunExecutor) and runs its start-up warm-up on the main thread, so the name marks a real call.
    /// </summary>
    private static bool IsRunningAScript(int pid)
    {
        try
        {
            return Directory.EnumerateDirectories($"/proc/{pid}/task")
                .Any(task => File.ReadAllText(Path.Combine(task, "comm")).Trim() == "script-run");
        }
        catch (IOException)
        {
            return false; // the process or one of its threads just ended
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static List<int> WorkersOf(int parent) =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => name!.All(char.IsDigit))
            .Select(name => int.Parse(name!, CultureInfo.InvariantCulture))
            .Where(pid => ParentOf(pid) == parent && CommandLine(pid).Contains("McpDataEnv.ScriptHost", StringComparison.Ordinal))
            .ToList();

    private static bool IsAlive(int pid) => File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);

    private static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline");
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    private static async Task<List<int>> WaitForAsync(Func<List<int>> probe, Func<List<int>, bool> done, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        var value = probe();
        while (!done(value) && clock.Elapsed < limit)
        {
            await Task.Delay(200);
            value = probe();
        }

        return value;
    }
}
