namespace McpDataEnv.Core.Memory;

/// <summary>Outcome of a core block edit.</summary>
/// <param name="PreviousVersion">0 when the block was created by this edit.</param>
/// <param name="Size">Characters now in the block.</param>
/// <param name="Limit">The per-block character limit.</param>
public sealed record CoreEditResult(string Key, long Version, long PreviousVersion, int Size, int Limit);
