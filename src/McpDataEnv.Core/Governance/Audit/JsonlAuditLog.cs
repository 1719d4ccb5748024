using System.Threading.Channels;

namespace McpDataEnv.Core.Governance.Audit;

/// <summary>
/// The audit trail as JSON Lines in one file (<c>&lt;env&gt;/data/audit.jsonl</c>). One writer task drains a
/// channel: each batch takes an exclusive lock file (so several server processes on one environment
/// take turns), re-reads the last entry's hash, appends the batch, flushes to disk once, then completes
/// the callers. Existing lines are never rewritten.
/// </summary>
public sealed class JsonlAuditLog : IAuditLog
{
    private const int MaxBatch = 512;

    private readonly string _path;
    private readonly Channel<(AuditEvent Event, TaskCompletionSource<AuditEntry> Done)> _queue =
        Channel.CreateUnbounded<(AuditEvent, TaskCompletionSource<AuditEntry>)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Task _writer;

    public JsonlAuditLog(string path)
    {
        _path = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        _writer = Task.Run(WriteLoopAsync);
    }

    public string FilePath => _path;

    public Task<AuditEntry> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource<AuditEntry>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((auditEvent, done)))
        {
            throw new ObjectDisposedException(nameof(JsonlAuditLog));
        }

        return done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<(AuditEvent Event, TaskCompletionSource<AuditEntry> Done)>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            try
            {
                var entries = await AuditFileLock.WithLockAsync(_path, () => AppendBatch(batch.Select(b => b.Event))).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(entries[i]);
                }
            }
            catch (Exception e)
            {
                foreach (var item in batch)
                {
                    item.Done.TrySetException(e);
                }
            }

            batch.Clear();
        }
    }

    private List<AuditEntry> AppendBatch(IEnumerable<AuditEvent> events)
    {
        using var file = new FileStream(_path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        var (seq, hash) = AuditFileTail.LastLink(file);
        var entries = new List<AuditEntry>();
        using var buffer = new MemoryStream();
        foreach (var e in events)
        {
            var entry = AuditChain.Seal(e, seq, hash);
            buffer.Write(AuditChain.Utf8Line(entry));
            (seq, hash) = (entry.Seq, entry.Hash);
            entries.Add(entry);
        }

        file.Seek(0, SeekOrigin.End);
        buffer.Position = 0;
        buffer.CopyTo(file);
        file.Flush(flushToDisk: true);
        return entries;
    }
}
