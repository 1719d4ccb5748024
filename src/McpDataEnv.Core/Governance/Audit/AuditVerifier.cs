namespace McpDataEnv.Core.Governance.Audit;

/// <summary>Walks an audit trail and reports the first entry that breaks the chain.</summary>
public static class AuditVerifier
{
    /// <summary>Checks every line of <paramref name="lines"/> in order (blank lines are skipped but counted).</summary>
    public static AuditVerdict Verify(IEnumerable<string> lines) =>
        Verify(lines.Select((line, i) => (Position: i + 1, Line: line)).Where(x => x.Line.Length > 0).Select(x => (x.Position, AuditChain.Parse(x.Line))));

    /// <summary>Checks entries in their stored order; a null entry is one that could not be read.</summary>
    /// <remarks><see cref="AuditVerdict.Line"/> is then the 1-based position in <paramref name="entries"/>.</remarks>
    public static AuditVerdict Verify(IEnumerable<AuditEntry?> entries) => Verify(entries.Select((e, i) => (i + 1, e)));

    public static AuditVerdict VerifyFile(string path) =>
        File.Exists(path) ? Verify(File.ReadLines(path)) : new AuditVerdict(true, 0, null, null, null);

    private static AuditVerdict Verify(IEnumerable<(int Position, AuditEntry? Entry)> entries)
    {
        long count = 0;
        var prevSeq = 0L;
        var prevHash = AuditChain.Genesis;
        foreach (var (position, entry) in entries)
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
        }

        return new AuditVerdict(true, count, null, null, null);
    }
}
