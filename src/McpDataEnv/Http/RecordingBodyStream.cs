using McpDataEnv.Hosting;

namespace McpDataEnv.Http;

/// <summary>
/// A read-only pass-through over a request body that keeps a copy of what was read, so a body that did not parse can
/// still be told apart: a leading <c>[</c> is a JSON-RPC batch, JSON nested too deep is named as such, anything else
/// is a parse error.
/// </summary>
/// <remarks>
/// The copy is at most the body, which Kestrel caps at <c>http.max_request_bytes</c>, and the JSON reader above
/// buffers a whole message anyway (a JSON-RPC message is read as one value): the same order of memory, not more
/// reads.
/// </remarks>
public sealed class RecordingBodyStream(Stream inner) : OneWayStream(reads: true)
{
    private readonly MemoryStream _copy = new();

    /// <summary>The first byte read other than JSON whitespace; null while none has been.</summary>
    public byte? LeadingByte
    {
        get
        {
            // JSON whitespace: space, tab, line feed, carriage return (RFC 8259).
            var read = Recorded;
            var first = read.IndexOfAnyExcept(" \t\n\r"u8);
            return first >= 0 ? read[first] : null;
        }
    }

    /// <summary>Every byte read so far.</summary>
    public ReadOnlySpan<byte> Recorded => _copy.GetBuffer().AsSpan(0, (int)_copy.Length);

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
        _copy.Write(bytes);
        return bytes.Length;
    }
}
