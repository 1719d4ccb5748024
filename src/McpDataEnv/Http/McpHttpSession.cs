using ModelContextProtocol.Server;

namespace McpDataEnv.Http;

/// <summary>One stateful Streamable HTTP session: its transport, its server loop and the principal that opened it.</summary>
public sealed class McpHttpSession : IAsyncDisposable
{
    private static long _uses;

    private readonly CancellationTokenSource _closed = new();
    private int _getStreamOpen;
    private int _inFlight;
    private int _closing;

    public McpHttpSession(string id, string? owner, StreamableHttpServerTransport transport, McpServer server)
    {
        Id = id;
        Owner = owner;
        Transport = transport;
        Server = server;
        RunTask = server.RunAsync(_closed.Token);
        Touch();
    }

    public string Id { get; }

    /// <summary>Principal name that initialized the session; no other principal may use it.</summary>
    public string? Owner { get; }

    public StreamableHttpServerTransport Transport { get; }

    public McpServer Server { get; }

    public Task RunTask { get; }

    public long LastUsedTicks { get; private set; }

    /// <summary>
    /// Orders sessions by last use for the per-principal cap: a process-wide counter, because two uses within one
    /// clock tick have the same <see cref="LastUsedTicks"/> and the least recently used one must still be told apart.
    /// </summary>
    public long LastUse { get; private set; }

    /// <summary>True once the session began to close: requests still in flight are answered that it ended.</summary>
    public bool IsClosed => Volatile.Read(ref _closing) != 0;

    public bool IsBusy => Volatile.Read(ref _inFlight) > 0;

    public void Touch()
    {
        LastUsedTicks = Environment.TickCount64;
        LastUse = Interlocked.Increment(ref _uses);
    }

    /// <summary>Marks a request in flight until the returned scope ends (idle sessions only are reaped).</summary>
    public IDisposable Use()
    {
        Interlocked.Increment(ref _inFlight);
        Touch();
        return new Release(this);
    }

    public bool TryOpenGetStream() => Interlocked.Exchange(ref _getStreamOpen, 1) == 0;

    public async ValueTask DisposeAsync()
    {
        Volatile.Write(ref _closing, 1);
        await Transport.DisposeAsync().ConfigureAwait(false);
        await _closed.CancelAsync().ConfigureAwait(false);
        try
        {
            await RunTask.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The loop ends by cancellation.
        }

        await Server.DisposeAsync().ConfigureAwait(false);
        _closed.Dispose();
    }

    private sealed class Release(McpHttpSession session) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                Interlocked.Decrement(ref session._inFlight);
                session.Touch();
            }
        }
    }
}
