namespace McpDataEnv.Core.Memory;

/// <summary>One page of search hits.</summary>
/// <param name="NextCursor">Pass back to get the next page; null on the last page.</param>
/// <param name="Total">Hits in the whole (frozen) result, across pages.</param>
/// <param name="Capped">True when more hits matched than a search keeps; narrow the query to see the rest.</param>
public sealed record MemorySearchResult(IReadOnlyList<MemoryHit> Hits, string? NextCursor, int Total, bool Capped);
