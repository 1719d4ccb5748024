namespace McpDataEnv.Core.Memory;

/// <summary>What a store reports after writing a core block.</summary>
/// <param name="PreviousVersion">0 when the block did not exist.</param>
public sealed record CoreWriteOutcome(long Version, long PreviousVersion);
