namespace McpDataEnv.Core.Governance.Audit;

/// <summary>Walks an audit trail and reports the first entry that breaks the chain.</summary>
public static class AuditVerifier
{
    /// <summary>Checks every line of <paramref name="lines"/> in order.</summary>
    public static AuditVerdict Verify(IEnumerable<string> lines)
    {
        long count = 0;
        var prevSeq = 0L;
        var prevHash = AuditChain.Genesis;
        var lineNo = 0;
        foreach (var line in lines)
        {
            lineNo++;
            if (line.Length == 0)
            {
                continue;
            }

            var entry = AuditChain.Parse(line);
            var problem = entry is null ? "not a valid audit entry"
                : entry.Seq != prevSeq + 1 ? $"sequence {entry.Seq} where {prevSeq + 1} was expected (entry removed or reordered)"
                : entry.Prev != prevHash ? "its prev hash does not match the entry before it (entry removed, inserted or reordered)"
                : AuditChain.HashOf(entry) != entry.Hash ? "its content does not match its hash (entry edited)"
                : null;
            if (problem is not null)
            {
                return new AuditVerdict(false, count, lineNo, entry?.Seq, problem);
            }

            (prevSeq, prevHash) = (entry!.Seq, entry.Hash);
            count++;
        }

        return new AuditVerdict(true, count, null, null, null);
    }

    public static AuditVerdict VerifyFile(string path) =>
        File.Exists(path) ? Verify(File.ReadLines(path)) : new AuditVerdict(true, 0, null, null, null);
}
