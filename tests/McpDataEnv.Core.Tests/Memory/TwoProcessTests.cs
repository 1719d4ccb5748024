using System.Diagnostics;
using McpDataEnv.Core.Memory;
using Microsoft.Data.Sqlite;

namespace McpDataEnv.Core.Tests.Memory;

/// <summary>Real processes on one store file (the probe is a miniature second server), including kill -9 mid-write.</summary>
public sealed class TwoProcessTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private readonly MemoryTestContext context = new();

    public void Dispose() => context.Dispose();

    [Fact]
    public async Task Two_processes_archiving_to_one_store_lose_nothing()
    {
        var first = Probe("archive", context.DatabasePath, "alice", "300", "first");
        var second = Probe("archive", context.DatabasePath, "alice", "300", "second");

        var ids = (await Task.WhenAll(Output(first), Output(second))).SelectMany(lines => lines).ToList();

        ids.Should().HaveCount(600).And.OnlyHaveUniqueItems();
        var all = await context.Service.SearchAsync(MemoryTestContext.Alice, new MemorySearchRequest(Tags: ["probe"], Limit: 1));
        all.Total.Should().Be(600);
    }

    [Fact]
    public async Task Several_processes_creating_a_new_store_at_the_same_moment_all_work()
    {
        var fresh = Path.Combine(Path.GetDirectoryName(context.DatabasePath)!, "fresh.db");

        var outputs = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => Output(Probe("archive", fresh, "alice", "20", $"creator {i}"))));

        outputs.SelectMany(lines => lines).Should().HaveCount(60).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Two_processes_editing_with_the_same_expected_version_have_exactly_one_winner()
    {
        await context.Service.EditCoreAsync(MemoryTestContext.Alice, "plan", "v1", null, MemoryTestContext.Tool);

        var outcomes = (await Task.WhenAll(
                Output(Probe("edit", context.DatabasePath, "alice", "plan", "1")),
                Output(Probe("edit", context.DatabasePath, "alice", "plan", "1"))))
            .SelectMany(lines => lines)
            .Order(StringComparer.Ordinal)
            .ToList();

        outcomes.Should().Equal("conflict 2", "won 2");
        (await context.Service.GetHistoryAsync(MemoryTestContext.Alice, "plan")).Select(r => r.Version).Should().Equal(1L, 2L);
    }

    [Fact]
    public async Task Every_acknowledged_archive_survives_kill_9_and_the_store_stays_intact()
    {
        var writer = Probe("archive", context.DatabasePath, "alice", "forever", "killed");
        var acknowledged = new List<string>();
        using (var timeout = new CancellationTokenSource(Patience))
        {
            while (acknowledged.Count < 150 && await writer.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                acknowledged.Add(line);
            }
        }

        writer.Kill(); // SIGKILL on Unix: no finally blocks, no flush, no dispose
        await writer.WaitForExitAsync();

        acknowledged.Should().HaveCount(150);
        var reader = context.SecondService();
        foreach (var id in acknowledged)
        {
            (await reader.GetPassageAsync(MemoryTestContext.Alice, id)).Content.Should().StartWith("killed passage");
        }

        IntegrityCheck().Should().Be("ok");
    }

    private static Process Probe(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "McpDataEnv.Memory.Probe.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    private static async Task<string[]> Output(Process process)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        process.ExitCode.Should().Be(0, await stderr);
        return (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private string IntegrityCheck()
    {
        using var connection = new SqliteConnection($"Data Source={context.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return (string)command.ExecuteScalar()!;
    }
}
