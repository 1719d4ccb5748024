namespace McpDataEnv.Core.Governance.Audit;

/// <summary>The append-only audit trail of an environment. Appends are serialised and chained.</summary>
public interface IAuditLog : IAsyncDisposable
{
    /// <summary>Appends one entry; completes once it is durable.</summary>
    Task<AuditEntry> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default);
}
