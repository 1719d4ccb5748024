using McpDataEnv.Hosting;

namespace McpDataEnv.Http;

/// <summary>
/// A read-only pass-through over a request body that remembers the body's first byte other than JSON whitespace,
/// so a body that did not parse can still be told apart: <c>[</c> is a JSON-RPC batch, anything else a parse error.
/// </summary>
/// <remarks>Costs nothing on the way through: the body is neither buffered nor read twice.</remarks>
public sealed class LeadingByteStream(Stream inner) : OneWayStream(reads: true)
{
    /// <summary>The first non-whitespace byte read so far; null while none has been.</summary>
    public byte? LeadingByte { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Seen(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

    public override int Read(Span<byte> buffer) => Seen(buffer[..inner.Read(buffer)]);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Seen(buffer.Span[..read]);
    }

    private int Seen(ReadOnlySpan<byte> bytes)
    {
        if (LeadingByte is null)
        {
            // JSON whitespace: space, tab, line feed, carriage return (RFC 8259).
            var first = bytes.IndexOfAnyExcept(" \t\n\r"u8);
            if (first >= 0)
            {
                LeadingByte = bytes[first];
            }
        }

        return bytes.Length;
    }
}
