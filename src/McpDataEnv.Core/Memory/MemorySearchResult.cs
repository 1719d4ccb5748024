namespace McpDataEnv.Core.Memory;

/// <summary>One page of search hits.</summary>
/// <param name="NextCursor">Pass back to get the next page; null on the last page.</param>
/// <param name="Total">Hits in the whole (frozen) result, across pages.</param>
/// <param name="Capped">True when the query matched more than a search ranks (only the best of the newest matches are listed); add more specific terms, tags or a date range to see the rest.</param>
public sealed record MemorySearchResult(IReadOnlyList<MemoryHit> Hits, string? NextCursor, int Total, bool Capped);
