using McpDataEnv.Core.Governance.Audit;

namespace McpDataEnv.Core.Tests.Governance.Audit;

public sealed class AuditBatchWriterTests
{
    private static readonly AsyncLocal<string?> Call = new();

    [Fact]
    public async Task A_lone_append_is_written_by_its_own_caller_without_waiting_for_another_thread()
    {
        string? seenBy = null;
        await using var writer = new AuditBatchWriter(events =>
        {
            seenBy = Call.Value;
            return Task.FromResult(Seal(events, 0));
        });

        Call.Value = "call 1";
        var appended = writer.EnqueueAsync(AuditLogTests.Event(1));

        appended.IsCompletedSuccessfully.Should().BeTrue("a store that appends synchronously answers the caller synchronously");
        seenBy.Should().Be("call 1", "the append ran on the caller's own flow");
        (await appended).Seq.Should().Be(1);
    }

    [Fact]
    public async Task Callers_arriving_during_an_append_go_together_in_the_next_batch()
    {
        var writing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var batches = new List<int>();
        var written = 0;
        await using var writer = new AuditBatchWriter(async events =>
        {
            lock (batches) batches.Add(events.Count);
            if (batches.Count == 1)
            {
                writing.SetResult();
                await release.Task;
            }

            var sealedBatch = Seal(events, written);
            written += events.Count;
            return sealedBatch;
        });

        var first = writer.EnqueueAsync(AuditLogTests.Event(0));
        await writing.Task;
        var waiting = Enumerable.Range(1, 20).Select(i => writer.EnqueueAsync(AuditLogTests.Event(i))).ToList();
        release.SetResult();
        var entries = await Task.WhenAll([first, .. waiting]);

        batches.Should().Equal(1, 20);
        entries.Select(e => e.Seq).Should().Equal(Enumerable.Range(1, 21).Select(i => (long)i));
    }

    [Fact]
    public async Task Concurrent_callers_are_all_written_once_and_none_is_left_waiting()
    {
        var written = 0L;
        var batches = 0;
        await using var writer = new AuditBatchWriter(async events =>
        {
            // Alternate synchronous and asynchronous appends, so drains end while others are queueing.
            if (Interlocked.Increment(ref batches) % 2 == 0) await Task.Yield();
            var after = Interlocked.Add(ref written, events.Count) - events.Count;
            return Seal(events, after);
        });

        var appends = await Task.WhenAll(Enumerable.Range(0, 4_000).Select(i => Task.Run(() => writer.EnqueueAsync(AuditLogTests.Event(i)))))
            .WaitAsync(TimeSpan.FromMinutes(2));

        appends.Select(e => e.Seq).Order().Should().Equal(Enumerable.Range(1, 4_000).Select(i => (long)i));
    }

    [Fact]
    public async Task A_failed_batch_fails_only_its_own_callers_and_the_next_one_is_written()
    {
        var calls = 0;
        await using var writer = new AuditBatchWriter(events =>
            ++calls == 1 ? Task.FromException<IReadOnlyList<AuditEntry>>(new IOException("disk full")) : Task.FromResult(Seal(events, 0)));

        var failed = () => writer.EnqueueAsync(AuditLogTests.Event(1));
        await failed.Should().ThrowAsync<IOException>().WithMessage("disk full");

        (await writer.EnqueueAsync(AuditLogTests.Event(2))).Seq.Should().Be(1);
    }

    [Fact]
    public async Task Dispose_waits_for_queued_events_and_later_appends_are_refused()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var written = 0;
        var writer = new AuditBatchWriter(async events =>
        {
            await release.Task;
            Interlocked.Add(ref written, events.Count);
            return Seal(events, 0);
        });

        var pending = Enumerable.Range(0, 5).Select(i => writer.EnqueueAsync(AuditLogTests.Event(i))).ToList();
        var disposing = writer.DisposeAsync().AsTask();
        disposing.IsCompleted.Should().BeFalse("five events are still being written");
        release.SetResult();
        await disposing;

        written.Should().Be(5);
        (await Task.WhenAll(pending)).Should().HaveCount(5);
        var late = () => writer.EnqueueAsync(AuditLogTests.Event(9));
        await late.Should().ThrowAsync<ObjectDisposedException>();
    }

    private static IReadOnlyList<AuditEntry> Seal(IReadOnlyList<AuditEvent> events, long after)
    {
        var (seq, hash) = (after, AuditChain.Genesis);
        var entries = new List<AuditEntry>();
        foreach (var e in events)
        {
            var entry = AuditChain.Seal(e, seq, hash);
            (seq, hash) = (entry.Seq, entry.Hash);
            entries.Add(entry);
        }

        return entries;
    }
}
