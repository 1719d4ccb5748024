using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace McpDataEnv.Tests.Support;

/// <summary>
/// One real <c>mcpdataenv serve --transport http --stateless</c> process on a free loopback port (anonymous loopback
/// callers get <c>analyst</c>), with a raw JSON-RPC tools/call helper: stateless replicas need no session.
/// </summary>
public sealed class HttpReplica : IAsyncDisposable
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromMinutes(2);
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private HttpReplica(Process process, string url)
    {
        _process = process;
        McpUrl = url + "/mcp";
        BaseUrl = url;
        process.ErrorDataReceived += (_, e) => { lock (_stderr) _stderr.AppendLine(e.Data); };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
    }

    public string BaseUrl { get; }

    public string McpUrl { get; }

    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    public static async Task<HttpReplica> StartAsync(string environmentFolder, IDictionary<string, string> environment)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var arg in new[] { TestPaths.ServerDll, "serve", "--env", environmentFolder, "--transport", "http", "--stateless", "--urls", url, "--allow-anonymous", "analyst" })
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var replica = new HttpReplica(Process.Start(info)!, url);
        // A process start, the environment load and the first database round trip: seconds on a loaded 2-core machine.
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < StartPatience && !replica._process.HasExited)
        {
            try
            {
                using var health = await RawMcpHttp.Client.GetAsync(url + "/health");
                if (health.IsSuccessStatusCode)
                {
                    return replica;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        await replica.DisposeAsync();
        throw new InvalidOperationException($"the replica did not become healthy within {StartPatience}: " + replica.Stderr);
    }

    /// <summary>tools/call over one stateless POST; returns the JSON-RPC result (a CallToolResult).</summary>
    public async Task<JsonObject> CallAsync(string tool, object arguments)
    {
        var body = JsonSerializer.Serialize(new { jsonrpc = "2.0", id = 1, method = "tools/call", @params = new { name = tool, arguments } });
        using var response = await RawMcpHttp.PostAsync(McpUrl, body, version: "2025-06-18");
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        var data = text.Split('\n').Last(l => l.StartsWith("data:", StringComparison.Ordinal))["data:".Length..];
        var message = JsonNode.Parse(data)!.AsObject();
        message["result"].Should().NotBeNull(message.ToJsonString());
        return message["result"]!.AsObject();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
