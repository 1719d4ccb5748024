namespace McpDataEnv.Core.Governance.Audit;

/// <summary>Reads an environment's audit trail back, for <c>mcpdataenv audit verify|tail</c>.</summary>
public interface IAuditReader : IAsyncDisposable
{
    /// <summary>Where the trail lives, for people (a file path or a table name; never a connection string).</summary>
    string Location { get; }

    /// <summary>Walks the whole chain in stored order and names the first edited, removed or reordered entry.</summary>
    Task<AuditVerdict> VerifyAsync(CancellationToken cancellationToken = default);

    /// <summary>The most recent <paramref name="count"/> entries, oldest first; null for one that cannot be read.</summary>
    Task<IReadOnlyList<AuditEntry?>> TailAsync(int count, CancellationToken cancellationToken = default);
}
