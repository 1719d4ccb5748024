using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpDataEnv.Hosting;

/// <summary>
/// The stdio transport: one JSON-RPC message per line on stdin, answers written to stdout in place.
/// </summary>
/// <remarks>
/// <para>
/// Why not the SDK's <see cref="StdioServerTransport"/>: stdout is the console stream, which has no asynchronous write,
/// so every answer was handed to a pool thread (<see cref="Stream.BeginWrite"/>) while the answering thread waited
/// for it: one more thread to wake on every call's critical path, which on a busy 2-core machine costs more than the
/// write. A write to the client's pipe returns at once unless the pipe is full; then the writer waits for the client
/// to read, as the pool thread did. stdin is read as the SDK's transport reads it: a read that shutdown can abandon.
/// Only protocol frames are written here (stdio discipline): logs go to stderr.
/// </para>
/// <para>
/// Why not the SDK's <see cref="StreamServerTransport"/> either (this follows its read loop): a line that does not
/// parse is answered -32700 with a fixed "Failed to parse", so a client whose JSON is nested past the parser's limit
/// could not learn why. Here that answer says so (<see cref="JsonNesting"/>).
/// </para>
/// </remarks>
internal sealed class StdioTransport : TransportBase
{
    private static readonly JsonTypeInfo<JsonRpcMessage> MessageType =
        (JsonTypeInfo<JsonRpcMessage>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcMessage));

    private static readonly byte[] Newline = "\n"u8.ToArray();

    private readonly TextReader _input;
    private readonly Stream _output;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Task _reading;
    private int _disposed;

    public StdioTransport(string serverName, ILoggerFactory loggers)
        : base($"Server (stdio) ({serverName})", loggers)
    {
        _input = new StreamReader(new AbandonableReads(Console.OpenStandardInput()), Encoding.UTF8);
        _output = new BufferedStream(new WritesInPlace(Console.OpenStandardOutput()));
        _logger = loggers.CreateLogger<StdioTransport>();
        SetConnected();
        _reading = Task.Run(ReadAsync, _shutdown.Token);
    }

    public override async Task SendMessageAsync(JsonRpcMessage message, CancellationToken cancellationToken = default)
    {
        if (!IsConnected)
        {
            return;
        }

        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var frame = JsonSerializer.SerializeToUtf8Bytes(message, MessageType);
            await _output.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
            await _output.WriteAsync(Newline, cancellationToken).ConfigureAwait(false);
            await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new IOException("Failed to send message.", e);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await _shutdown.CancelAsync().ConfigureAwait(false);
            _input.Dispose();
            await _output.DisposeAsync().ConfigureAwait(false);
            try
            {
                await _reading.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Shutting down.
            }
        }
        finally
        {
            SetDisconnected();
            _shutdown.Dispose();
        }
    }

    private async Task ReadAsync()
    {
        Exception? error = null;
        try
        {
            while (!_shutdown.IsCancellationRequested)
            {
                var line = await _input.ReadLineAsync(_shutdown.Token).ConfigureAwait(false);
                if (line is null)
                {
                    break;
                }

                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                JsonRpcMessage? message;
                try
                {
                    message = JsonSerializer.Deserialize(line, MessageType);
                }
                catch (JsonException unreadable)
                {
                    await AnswerUnreadableAsync(line, unreadable).ConfigureAwait(false);
                    continue;
                }

                if (message is not null)
                {
                    await WriteMessageAsync(message, _shutdown.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
        catch (Exception fault)
        {
            _logger.LogError(fault, "Reading stdin failed");
            error = fault;
        }
        finally
        {
            SetDisconnected(error);
        }
    }

    /// <summary>
    /// Answers a line that is not a JSON-RPC message with -32700 when its id can still be read (JSON-RPC answers a
    /// request it cannot identify with a null id, which the official clients drop, so as the SDK does: nothing).
    /// </summary>
    private async Task AnswerUnreadableAsync(string line, JsonException unreadable)
    {
        _logger.LogInformation("A stdin line is not a JSON-RPC message: {Reason}", unreadable.Message);
        var utf8 = Encoding.UTF8.GetBytes(line);
        if (!TryRecoverRequestId(utf8, out var id))
        {
            return;
        }

        var error = new JsonRpcError
        {
            Id = id,
            Error = new JsonRpcErrorDetail
            {
                Code = (int)McpErrorCode.ParseError,
                Message = JsonNesting.ExceedsLimit(utf8) ? JsonNesting.TooDeep : "Failed to parse the JSON-RPC request.",
            },
        };
        try
        {
            await SendMessageAsync(error, _shutdown.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The client is gone; the read loop finds out on its next read.
        }
    }

    /// <summary>The top-level <c>id</c> of a line that failed to parse as a whole (read past any depth).</summary>
    private static bool TryRecoverRequestId(ReadOnlySpan<byte> utf8, out RequestId id)
    {
        id = default;
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = int.MaxValue });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals("id"u8);
                if (!reader.Read())
                {
                    return false;
                }

                if (!isId)
                {
                    reader.Skip();
                    continue;
                }

                if (reader.TokenType == JsonTokenType.String)
                {
                    id = new RequestId(reader.GetString()!);
                    return true;
                }

                if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number))
                {
                    id = new RequestId(number);
                    return true;
                }

                return false;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Broken before its id.
        }

        return false;
    }

    /// <summary>Reads that return on cancellation even while the console read underneath is still blocked.</summary>
    private sealed class AbandonableReads(Stream stdin) : OneWayStream(reads: true)
    {
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            stdin.ReadAsync(buffer, offset, count, cancellationToken).WaitAsync(cancellationToken);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = stdin.ReadAsync(buffer, cancellationToken);
            return read.IsCompletedSuccessfully ? read : new ValueTask<int>(read.AsTask().WaitAsync(cancellationToken));
        }

        public override int Read(byte[] buffer, int offset, int count) => stdin.Read(buffer, offset, count);

        protected override void Dispose(bool disposing)
        {
            if (disposing) stdin.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>Asynchronous writes done synchronously, on the caller's thread.</summary>
    private sealed class WritesInPlace(Stream stdout) : OneWayStream(reads: false)
    {
        public override void Write(byte[] buffer, int offset, int count) => stdout.Write(buffer, offset, count);

        public override void Write(ReadOnlySpan<byte> buffer) => stdout.Write(buffer);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                stdout.Write(buffer.Span);
                return ValueTask.CompletedTask;
            }
            catch (Exception e)
            {
                return ValueTask.FromException(e);
            }
        }

        public override void Flush() => stdout.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            try
            {
                stdout.Flush();
                return Task.CompletedTask;
            }
            catch (Exception e)
            {
                return Task.FromException(e);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) stdout.Dispose();
            base.Dispose(disposing);
        }
    }
}
