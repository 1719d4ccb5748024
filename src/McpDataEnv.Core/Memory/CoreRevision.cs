namespace McpDataEnv.Core.Memory;

/// <summary>One change of a core block. Revisions are only ever appended, so nothing is lost.</summary>
/// <param name="Action">See <see cref="CoreRevisionActions"/>.</param>
/// <param name="OldValue">Value before the change; empty for a create.</param>
/// <param name="PassageId">For an archive: the passage that now holds the old value.</param>
public sealed record CoreRevision(
    string Key,
    long Version,
    string Action,
    string OldValue,
    string NewValue,
    string Principal,
    DateTimeOffset At,
    string Tool,
    string? RequestId,
    string? PassageId);
