namespace McpDataEnv.Core.Memory;

/// <summary>The current state of one core memory block.</summary>
/// <param name="Version">1 on create, +1 per edit (archiving clears the value and also counts as an edit).</param>
public sealed record CoreBlock(string Key, string Value, long Version, DateTimeOffset UpdatedAt, string UpdatedBy);
