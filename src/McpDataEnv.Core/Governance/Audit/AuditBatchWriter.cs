using System.Collections.Concurrent;

namespace McpDataEnv.Core.Governance.Audit;

/// <summary>
/// The single writer behind an audit log: callers queue events, and one drain at a time hands them in batches to the
/// store's append (which places the batch after the store's current last entry under the store's own cross-process
/// exclusion), then completes every caller with its sealed entry or the batch's failure.
/// </summary>
/// <remarks>
/// The drain is taken by the caller that finds it free, on its own flow: a lone call (the usual case, one client
/// working step by step) appends and goes on without waking another thread twice (a writer to append, then the
/// caller to answer), which on a busy 2-core machine costs more than the append's own work. Callers that arrive
/// during an append queue up and go together in the next batch; once the drainer's own entry is written, any such
/// batch is handed to a pool thread, so no caller waits for others' appends after its own.
/// </remarks>
internal sealed class AuditBatchWriter : IAsyncDisposable
{
    private const int MaxBatch = 512;

    private readonly Func<IReadOnlyList<AuditEvent>, Task<IReadOnlyList<AuditEntry>>> _appendBatch;
    private readonly ConcurrentQueue<Pending> _queue = new();
    private readonly SemaphoreSlim _drain = new(1, 1);
    private volatile bool _closed;

    /// <param name="appendBatch">Durably appends the events in order and returns their sealed entries; all or nothing.</param>
    public AuditBatchWriter(Func<IReadOnlyList<AuditEvent>, Task<IReadOnlyList<AuditEntry>>> appendBatch) => _appendBatch = appendBatch;

    public async Task<AuditEntry> EnqueueAsync(AuditEvent auditEvent)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        var pending = new Pending(auditEvent);
        _queue.Enqueue(pending);
        if (_drain.Wait(0))
        {
            // An earlier drainer may have taken this entry already (it queued just before that drain let go).
            while (!pending.Done.Task.IsCompleted)
            {
                await AppendNextBatchAsync().ConfigureAwait(false);
            }

            LetGo();
        }

        return await pending.Done.Task.ConfigureAwait(false);
    }

    /// <summary>Writes what is queued, then refuses new events.</summary>
    public async ValueTask DisposeAsync()
    {
        _closed = true;
        await _drain.WaitAsync().ConfigureAwait(false);
        try
        {
            while (!_queue.IsEmpty)
            {
                await AppendNextBatchAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _drain.Release();
        }
    }

    /// <summary>Ends this drain: hands what is still queued to a pool thread, or releases the drain.</summary>
    private void LetGo()
    {
        if (_queue.IsEmpty)
        {
            _drain.Release();
            // A caller that queued while this drain was ending found it taken and waits for someone to write it.
            if (_queue.IsEmpty || !_drain.Wait(0))
            {
                return;
            }
        }

        // Not under the caller's execution context: the batch is other callers' work, not part of this call's trace.
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(DrainQueueAsync);
        }
    }

    private async Task DrainQueueAsync()
    {
        while (!_queue.IsEmpty)
        {
            await AppendNextBatchAsync().ConfigureAwait(false);
        }

        LetGo();
    }

    /// <summary>Appends up to <see cref="MaxBatch"/> queued events; never throws (failures go to their callers).</summary>
    private async Task AppendNextBatchAsync()
    {
        var batch = new List<Pending>();
        while (batch.Count < MaxBatch && _queue.TryDequeue(out var next))
        {
            batch.Add(next);
        }

        if (batch.Count == 0)
        {
            return;
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

    private sealed class Pending(AuditEvent auditEvent)
    {
        public AuditEvent Event { get; } = auditEvent;

        // Other callers' continuations must not run on the drainer's flow.
        public TaskCompletionSource<AuditEntry> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
