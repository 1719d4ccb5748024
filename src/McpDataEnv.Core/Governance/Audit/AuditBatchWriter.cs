using System.Threading.Channels;

namespace McpDataEnv.Core.Governance.Audit;

/// <summary>
/// The single writer behind an audit log: callers enqueue events, one task drains them in batches and hands each
/// batch to the store's append (which places the batch after the store's current last entry under the store's own
/// cross-process exclusion), then completes every caller with its sealed entry or the batch's failure.
/// </summary>
internal sealed class AuditBatchWriter : IAsyncDisposable
{
    private const int MaxBatch = 512;

    private readonly Func<IReadOnlyList<AuditEvent>, Task<IReadOnlyList<AuditEntry>>> _appendBatch;
    private readonly Channel<(AuditEvent Event, TaskCompletionSource<AuditEntry> Done)> _queue =
        Channel.CreateUnbounded<(AuditEvent, TaskCompletionSource<AuditEntry>)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Task _writer;

    /// <param name="appendBatch">Durably appends the events in order and returns their sealed entries; all or nothing.</param>
    public AuditBatchWriter(Func<IReadOnlyList<AuditEvent>, Task<IReadOnlyList<AuditEntry>>> appendBatch)
    {
        _appendBatch = appendBatch;
        _writer = Task.Run(WriteLoopAsync);
    }

    public Task<AuditEntry> EnqueueAsync(AuditEvent auditEvent)
    {
        var done = new TaskCompletionSource<AuditEntry>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((auditEvent, done)))
        {
            throw new ObjectDisposedException(nameof(AuditBatchWriter));
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

            batch.Clear();
        }
    }
}
