namespace McpDataEnv.Core.Memory;

/// <summary>One ranked search result before its content is loaded.</summary>
/// <param name="Handle">The store's own row handle for the block or passage.</param>
/// <param name="Score">Higher is better; 0 for a recency listing.</param>
public readonly record struct MemoryRef(MemoryTier Tier, long Handle, double Score);
