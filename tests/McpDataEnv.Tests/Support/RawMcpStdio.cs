using System.Diagnostics;
using System.Text.Json.Nodes;

namespace McpDataEnv.Tests.Support;

/// <summary>
/// The real server over stdio driven with hand-written JSON-RPC lines, for frames no SDK client sends (lone
/// surrogates, wrong parameter types, nesting past the parser's limit). Initialized on start.
/// </summary>
public sealed class RawMcpStdio : IAsyncDisposable
{
    private readonly Process _server;
    private readonly Task<string> _stderr;

    private RawMcpStdio(Process server)
    {
        _server = server;
        _stderr = server.StandardError.ReadToEndAsync();
    }

    public static async Task<RawMcpStdio> StartAsync(string environmentFolder)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { TestPaths.ServerDll, "serve", "--env", environmentFolder })
        {
            start.ArgumentList.Add(arg);
        }

        var session = new RawMcpStdio(Process.Start(start)!);
        (await session.SendAsync("""{"jsonrpc":"2.0","id":"init","method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""", "init"))
            ["result"].Should().NotBeNull();
        await session.WriteLineAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        return session;
    }

    /// <summary>Writes <paramref name="line"/> as one frame and returns the answer whose id is <paramref name="id"/>.</summary>
    public async Task<JsonObject> SendAsync(string line, object id)
    {
        await WriteLineAsync(line);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (true)
        {
            var answer = await _server.StandardOutput.ReadLineAsync(deadline.Token)
                ?? throw new InvalidOperationException("The server closed stdout. stderr: " + await _stderr);
            var frame = JsonNode.Parse(answer)!.AsObject();
            if (frame["id"]?.ToJsonString() == System.Text.Json.JsonSerializer.Serialize(id))
            {
                return frame;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _server.StandardInput.Close();
        if (!_server.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            _server.Kill(entireProcessTree: true);
        }

        _server.Dispose();
    }

    private async Task WriteLineAsync(string line)
    {
        await _server.StandardInput.WriteAsync(line + "\n");
        await _server.StandardInput.FlushAsync();
    }
}
