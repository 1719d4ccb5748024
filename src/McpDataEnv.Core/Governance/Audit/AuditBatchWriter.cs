namespace McpDataEnv.Core.Governance.Audit;

/// <summary>
/// The single writer behind an audit log: at most one batch is being appended at a time, and events that arrive
/// meanwhile wait and go together in the next batch. Each batch is handed to the store's append (which places it after
/// the store's current last entry under the store's own cross-process exclusion), then every caller in it is completed
/// with its sealed entry or the batch's failure.
/// </summary>
/// <remarks>
/// There is no dedicated writer task. A caller that finds the writer idle writes its own batch on its own thread: a
/// sequential client (stdio, one agent) then pays no thread hand-off on the way in or out, which on a small virtual
/// machine costs more than the append itself. Callers that arrive while a batch is being written queue up; when the
/// leader's batch is done and the queue is not empty, a pool task takes over draining, so no caller's answer waits on
/// other callers' appends beyond the one batch it was written in.
/// </remarks>
internal sealed class AuditBatchWriter : IAsyncDisposable
{
    private const int MaxBatch = 512;

    private readonly Func<IReadOnlyList<AuditEvent>, Task<IReadOnlyList<AuditEntry>>> _appendBatch;
    private readonly Lock _gate = new();
    private readonly Queue<Pending> _queue = new();
    private bool _writing;
    private bool _disposed;
    private TaskCompletionSource? _idle;

    /// <param name="appendBatch">Durably appends the events in order and returns their sealed entries; all or nothing.</param>
    public AuditBatchWriter(Func<IReadOnlyList<AuditEvent>, Task<IReadOnlyList<AuditEntry>>> appendBatch) =>
        _appendBatch = appendBatch;

    public async Task<AuditEntry> EnqueueAsync(AuditEvent auditEvent)
    {
        var mine = new Pending(auditEvent, new TaskCompletionSource<AuditEntry>(TaskCreationOptions.RunContinuationsAsynchronously));
        bool lead;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _queue.Enqueue(mine);
            lead = !_writing;
            _writing = true;
        }

        if (lead)
        {
            await WriteNextBatchAsync().ConfigureAwait(false);
            if (!StopIfDrained())
            {
                _ = Task.Run(DrainAsync);
            }
        }

        return await mine.Done.Task.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        Task idle;
        lock (_gate)
        {
            _disposed = true;
            if (!_writing)
            {
                return;
            }

            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            idle = _idle.Task;
        }

        await idle.ConfigureAwait(false);
    }

    private async Task DrainAsync()
    {
        do
        {
            await WriteNextBatchAsync().ConfigureAwait(false);
        }
        while (!StopIfDrained());
    }

    private async Task WriteNextBatchAsync()
    {
        var batch = new List<Pending>();
        lock (_gate)
        {
            while (batch.Count < MaxBatch && _queue.TryDequeue(out var item))
            {
                batch.Add(item);
            }
        }

        try
        {
            var entries = await _appendBatch([.. batch.Select(b => b.Event)]).ConfigureAwait(false);
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
    }

    // True when nothing is queued: the writer is idle again and the next caller leads.
    private bool StopIfDrained()
    {
        lock (_gate)
        {
            if (_queue.Count > 0)
            {
                return false;
            }

            _writing = false;
            _idle?.TrySetResult();
            return true;
        }
    }

    private sealed record Pending(AuditEvent Event, TaskCompletionSource<AuditEntry> Done);
}
