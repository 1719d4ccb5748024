namespace McpDataEnv.Core.Governance.Audit;

/// <summary>The outcome of verifying an audit trail.</summary>
/// <param name="Entries">Entries verified before the first bad one (all of them when valid).</param>
/// <param name="Line">1-based line of the first bad entry.</param>
public sealed record AuditVerdict(bool Valid, long Entries, int? Line, long? Seq, string? Problem);
