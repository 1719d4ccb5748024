using System.Diagnostics;
using System.Globalization;
using McpDataEnv.Tests.Support;

namespace McpDataEnv.Tests.EndToEnd;

/// <summary>Script workers never outlive their server, even one killed with SIGKILL.</summary>
public sealed class ScriptWorkerLifetimeTests : IClassFixture<SeededEnvironment>
{
    private readonly SeededEnvironment _env;

    public ScriptWorkerLifetimeTests(SeededEnvironment env) => _env = env;

    [Fact]
    public async Task A_busy_worker_of_a_server_killed_with_SIGKILL_exits_by_itself()
    {
        // A script limit far longer than the wait below: only noticing the dead server can end the busy worker in time.
        var yaml = Path.Combine(_env.Folder, "environment.yaml");
        var limited = System.Text.RegularExpressions.Regex.Replace(await File.ReadAllTextAsync(yaml), @"(?m)^  timeout_ms: \d+", "  timeout_ms: 120000");
        limited.Should().Contain("timeout_ms: 120000");
        await File.WriteAllTextAsync(yaml, limited);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { TestPaths.ServerDll, "serve", "--env", _env.Folder })
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

        await server.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"run_script","arguments":{"code":"while (true) {}"}}}""");
        await server.StandardInput.FlushAsync();

        var workers = await WaitForAsync(() => WorkersOf(server.Id), w => w.Count > 0, TimeSpan.FromSeconds(30));
        workers.Should().NotBeEmpty("the server runs scripts in worker processes");
        await Task.Delay(TimeSpan.FromSeconds(2)); // the worker is now inside the endless loop

        server.Kill(entireProcessTree: false); // SIGKILL to the server alone, as a crash would
        await server.WaitForExitAsync();

        var survivors = await WaitForAsync(() => workers.Where(IsAlive).ToList(), s => s.Count == 0, TimeSpan.FromSeconds(10));
        foreach (var pid in survivors)
        {
            Process.GetProcessById(pid).Kill(); // do not leak them into later tests even when the assertion fails
        }

        survivors.Should().BeEmpty("a worker notices its server is gone and exits");
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
