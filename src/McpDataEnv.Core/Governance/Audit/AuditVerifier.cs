namespace McpDataEnv.Core.Governance.Audit;

/// <summary>Walks an audit trail and reports the first entry that breaks the chain.</summary>
/// <remarks>
/// Every walk holds only the previous link, so a trail read as a stream is verified in constant memory, and reading
/// stops at the first broken entry.
/// </remarks>
public static class AuditVerifier
{
    /// <summary>Checks every line of <paramref name="lines"/> in order (blank lines are skipped but counted).</summary>
    public static AuditVerdict Verify(IEnumerable<string> lines) =>
        Verify(lines.Select((line, i) => (Position: i + 1, Line: line)).Where(x => x.Line.Length > 0).Select(x => (x.Position, AuditChain.Parse(x.Line))));

    /// <summary>Checks entries in their stored order; a null entry is one that could not be read.</summary>
    /// <remarks><see cref="AuditVerdict.Line"/> is then the 1-based position in <paramref name="entries"/>.</remarks>
    public static AuditVerdict Verify(IEnumerable<AuditEntry?> entries) => Verify(entries.Select((e, i) => (i + 1, e)));

    /// <summary>As <see cref="Verify(IEnumerable{AuditEntry})"/>, for entries streamed from a store.</summary>
    public static Task<AuditVerdict> VerifyAsync(IAsyncEnumerable<AuditEntry?> entries, CancellationToken cancellationToken = default) =>
        WalkAsync(entries.Select((entry, i) => (i + 1, entry)), cancellationToken);

    public static AuditVerdict VerifyFile(string path) =>
        File.Exists(path) ? Verify(File.ReadLines(path)) : new AuditVerdict(true, 0, null, null, null);

    // The one walk, for stored and streamed trails alike. A synchronous source wrapped as an async one never
    // awaits anything incomplete, so the task has completed by the time WalkAsync returns: no thread is blocked.
    private static AuditVerdict Verify(IEnumerable<(int Position, AuditEntry? Entry)> entries) =>
        WalkAsync(entries.ToAsyncEnumerable(), CancellationToken.None).GetAwaiter().GetResult();

    private static async Task<AuditVerdict> WalkAsync(IAsyncEnumerable<(int Position, AuditEntry? Entry)> entries, CancellationToken cancellationToken)
    {
        var walk = new ChainWalk();
        await foreach (var (position, entry) in entries.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (walk.Step(position, entry) is { } broken)
            {
                return broken;
            }
        }

        return walk.Intact;
    }

    /// <summary>The chain so far: how many entries held and the last link.</summary>
    private sealed class ChainWalk
    {
        private long count;
        private long prevSeq;
        private string prevHash = AuditChain.Genesis;

        public AuditVerdict Intact => new(true, count, null, null, null);

        /// <summary>Takes the next entry: null when it continues the chain, else the verdict naming it.</summary>
        public AuditVerdict? Step(int position, AuditEntry? entry)
        {
            var problem = entry is null ? "not a valid audit entry"
                : entry.Seq != prevSeq + 1 ? $"sequence {entry.Seq} where {prevSeq + 1} was expected (entry removed or reordered)"
                : entry.Prev != prevHash ? "its prev hash does not match the entry before it (entry removed, inserted or reordered)"
                : AuditChain.HashOf(entry) != entry.Hash ? "its content does not match its hash (entry edited)"
                : null;
            if (problem is not null)
            {
                return new AuditVerdict(false, count, position, entry?.Seq, problem);
            }

            (prevSeq, prevHash) = (entry!.Seq, entry.Hash);
            count++;
            return null;
        }
    }
}
