namespace McpDataEnv.Core.Memory;

/// <summary>Context every store write carries: who, from where, when, and the write budget to enforce.</summary>
/// <param name="WritesPerMinute">Rate limit per writing principal, checked inside the write transaction; 0 or less disables it.</param>
public sealed record MemoryWrite(MemoryScope Scope, MemoryProvenance Provenance, DateTimeOffset At, int WritesPerMinute)
{
    /// <summary>The principal recorded as the writer and charged for the rate: the provenance's writer, else the scope's principal.</summary>
    public string Author => Provenance.Writer ?? Scope.Principal;
}
