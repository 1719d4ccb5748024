namespace McpDataEnv.Core.Governance.Audit;

/// <summary>
/// The audit trail as JSON Lines in one file (<c>&lt;env&gt;/data/audit.jsonl</c>). One writer task drains a
/// queue: each batch takes an exclusive lock file (so several server processes on one environment
/// take turns), re-reads the last entry's hash, appends the batch, flushes to disk once, then completes
/// the callers. Existing lines are never rewritten.
/// </summary>
public sealed class JsonlAuditLog : IAuditLog
{
    private readonly string _path;
    private readonly AuditBatchWriter _writer;

    public JsonlAuditLog(string path)
    {
        _path = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        _writer = new AuditBatchWriter(events => AuditFileLock.WithLockAsync(_path, () => AppendBatch(events)));
    }

    public string FilePath => _path;

    public Task<AuditEntry> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default) => _writer.EnqueueAsync(auditEvent);

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    private IReadOnlyList<AuditEntry> AppendBatch(IEnumerable<AuditEvent> events)
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
