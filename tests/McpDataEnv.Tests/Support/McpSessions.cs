using System.Text.Json.Nodes;

namespace McpDataEnv.Tests.Support;

/// <summary>
/// The <see cref="McpSession"/>s a class fixture shares among its tests, one per server command line (environment,
/// role, variables), each started on first use and ended with the fixture.
/// </summary>
public sealed class McpSessions : IAsyncDisposable
{
    private readonly Dictionary<string, Task<McpSession>> _open = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Like <see cref="McpDriver.RunAsync"/>, on the shared connection to <paramref name="server"/>.</summary>
    public async Task<DriverReport> RunAsync(JsonObject server, params JsonObject[] steps)
    {
        Task<McpSession> session;
        lock (_lock)
        {
            var key = server.ToJsonString();
            if (!_open.TryGetValue(key, out session!))
            {
                session = McpSession.StartAsync(server);
                _open[key] = session;
            }
        }

        return await (await session).RunAsync(steps);
    }

    public async ValueTask DisposeAsync()
    {
        List<Task<McpSession>> open;
        lock (_lock)
        {
            open = [.. _open.Values];
            _open.Clear();
        }

        foreach (var session in open)
        {
            if (session.IsCompletedSuccessfully)
            {
                await session.Result.DisposeAsync();
            }
        }
    }
}
