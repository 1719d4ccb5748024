namespace McpDataEnv.Core.Memory;

/// <summary>The ranking of one search as a store computed it.</summary>
/// <param name="Refs">Best first.</param>
/// <param name="Partial">True when the query matched more passages than a search ranks, so only the newest matches were ranked.</param>
public sealed record MemoryRanking(IReadOnlyList<MemoryRef> Refs, bool Partial);
