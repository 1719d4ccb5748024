namespace McpDataEnv.Hosting;

/// <summary>
/// A stream that only reads or only writes and never seeks: the members <see cref="Stream"/> requires for everything
/// else, written once for the pass-through streams over stdin, stdout and request bodies.
/// </summary>
public abstract class OneWayStream(bool reads) : Stream
{
    public sealed override bool CanRead => reads;

    public sealed override bool CanWrite => !reads;

    public sealed override bool CanSeek => false;

    public sealed override long Length => throw new NotSupportedException();

    public sealed override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public sealed override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public sealed override void SetLength(long value) => throw new NotSupportedException();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Flush()
    {
    }
}
