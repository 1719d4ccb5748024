namespace McpDataEnv.Core.Memory;

/// <summary>One ranked search result before its content is loaded.</summary>
/// <param name="Handle">The store's own row handle for the block or passage.</param>
/// <param name="Score">Higher is better; 0 for a recency listing.</param>
/// <param name="Recency">For a recency listing: creation (or last update) time in Unix milliseconds, so listings of several scopes merge by time; 0 otherwise.</param>
/// <param name="Scope">The scope the entry belongs to; set by <see cref="MemoryService"/> when a search spans several scopes.</param>
public readonly record struct MemoryRef(MemoryTier Tier, long Handle, double Score, long Recency = 0, MemoryScope? Scope = null);
