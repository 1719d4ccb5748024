using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

namespace McpDataEnv.Hosting;

/// <summary>
/// The stdio transport: the SDK's stream transport over stdin and stdout, with answers written to stdout in place.
/// </summary>
/// <remarks>
/// Why not the SDK's <see cref="StdioServerTransport"/>: stdout is the console stream, which has no asynchronous write,
/// so every answer was handed to a pool thread (<see cref="Stream.BeginWrite"/>) while the answering thread waited
/// for it: one more thread to wake on every call's critical path, which on a busy 2-core machine costs more than the
/// write. A write to the client's pipe returns at once unless the pipe is full; then the writer waits for the client
/// to read, as the pool thread did. stdin is read as the SDK's transport reads it: a read that shutdown can abandon.
/// Only protocol frames are written here (stdio discipline): logs go to stderr.
/// </remarks>
internal sealed class StdioTransport(string serverName, ILoggerFactory loggers)
    : StreamServerTransport(new AbandonableReads(Console.OpenStandardInput()), new BufferedStream(new WritesInPlace(Console.OpenStandardOutput())), serverName, loggers)
{
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
