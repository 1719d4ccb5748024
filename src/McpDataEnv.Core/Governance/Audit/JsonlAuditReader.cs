namespace McpDataEnv.Core.Governance.Audit;

/// <summary>Reads a JSON Lines audit trail (<see cref="JsonlAuditLog"/>); a missing file is an empty, valid trail.</summary>
public sealed class JsonlAuditReader(string path) : IAuditReader
{
    public string Location => path;

    public Task<AuditVerdict> VerifyAsync(CancellationToken cancellationToken = default) => Task.FromResult(AuditVerifier.VerifyFile(path));

    public Task<IReadOnlyList<AuditEntry?>> TailAsync(int count, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<AuditEntry?> entries = File.Exists(path)
            ? [.. File.ReadLines(path).Where(l => l.Length > 0).TakeLast(Math.Max(1, count)).Select(AuditChain.Parse)]
            : [];
        return Task.FromResult(entries);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
