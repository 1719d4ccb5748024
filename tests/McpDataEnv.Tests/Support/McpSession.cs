using System.Diagnostics;
using System.Text.Json.Nodes;

namespace McpDataEnv.Tests.Support;

/// <summary>
/// One official TypeScript client connected to one stdio server for as long as a test class runs
/// (<c>driver.mjs --session</c>): each <see cref="RunAsync"/> sends a plan's steps down the same connection.
/// </summary>
/// <remarks>
/// For tests that need no fresh server. A fresh one costs a Node process, a server process and its two pre-started
/// script workers: seconds of CPU on a 2-core machine, which a class of single-call tests paid once per test. A test
/// about start-up, a new session's instructions, a role or a setting keeps <see cref="McpDriver.RunAsync"/>.
/// Runs are serialised: xunit runs one class's tests one after another, and the lock keeps it true if that changes.
/// </remarks>
public sealed class McpSession : IAsyncDisposable
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(3);
    private readonly Process _node;
    private readonly string _planFile;
    private readonly Task<string> _nodeStderr;
    private readonly JsonNode _initialize;
    private readonly SemaphoreSlim _oneRunAtATime = new(1, 1);

    private McpSession(Process node, string planFile, Task<string> nodeStderr, JsonNode initialize)
    {
        _node = node;
        _planFile = planFile;
        _nodeStderr = nodeStderr;
        _initialize = initialize;
    }

    /// <summary>Starts the server described by <paramref name="server"/> (see <see cref="McpDriver.StdioServer"/>) and connects.</summary>
    public static async Task<McpSession> StartAsync(JsonObject server)
    {
        var planFile = Path.Combine(Path.GetTempPath(), $"mcpdataenv-session-{Guid.NewGuid():n}.json");
        await File.WriteAllTextAsync(planFile, new JsonObject { ["transport"] = "stdio", ["server"] = server.DeepClone() }.ToJsonString());
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = TestPaths.RepoRoot,
        };
        start.ArgumentList.Add(McpDriver.DriverScript);
        start.ArgumentList.Add("--session");
        start.ArgumentList.Add(planFile);
        var node = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        var nodeStderr = node.StandardError.ReadToEndAsync();
        var first = await ReadAnswerAsync(node, nodeStderr);
        first["fatal"]?.GetValue<string>().Should().BeNull("the client must connect; server stderr: " + first["stderr"]);
        return new McpSession(node, planFile, nodeStderr, first["initialize"]!);
    }

    /// <summary>Runs <paramref name="steps"/> on the open connection; the report's initialize facts are the session's.</summary>
    public async Task<DriverReport> RunAsync(params JsonObject[] steps)
    {
        await _oneRunAtATime.WaitAsync();
        try
        {
            await _node.StandardInput.WriteLineAsync(new JsonObject { ["steps"] = new JsonArray([.. steps.Select(s => s.DeepClone())]) }.ToJsonString());
            await _node.StandardInput.FlushAsync();
            var answer = await ReadAnswerAsync(_node, _nodeStderr);
            answer["initialize"] = _initialize.DeepClone();
            return new DriverReport(answer);
        }
        finally
        {
            _oneRunAtATime.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _node.StandardInput.Close(); // the driver closes the client, which ends the server as a client going away would
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _node.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            _node.Kill(entireProcessTree: true);
        }
        finally
        {
            _node.Dispose();
            File.Delete(_planFile);
        }
    }

    private static async Task<JsonObject> ReadAnswerAsync(Process node, Task<string> nodeStderr)
    {
        string? line;
        try
        {
            line = await node.StandardOutput.ReadLineAsync().WaitAsync(RunLimit);
        }
        catch (TimeoutException)
        {
            node.Kill(entireProcessTree: true);
            throw new TimeoutException($"the driver session gave no answer within {RunLimit}");
        }

        if (line is null)
        {
            await node.WaitForExitAsync();
            throw new InvalidOperationException($"the driver session ended (exit {node.ExitCode}): {await nodeStderr}");
        }

        return JsonNode.Parse(line)!.AsObject();
    }
}
