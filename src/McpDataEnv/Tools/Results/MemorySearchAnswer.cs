using McpDataEnv.Core.Memory;

namespace McpDataEnv.Tools;

/// <summary>The structured answer of memory_search.</summary>
/// <param name="NextCursor">Pass as <c>cursor</c> for the next page; null on the last page.</param>
/// <param name="Total">Hits across all pages of this search.</param>
/// <param name="Capped">True when the query was too broad to rank every match: narrow it with terms, tags or dates.</param>
public sealed record MemorySearchAnswer(IReadOnlyList<MemoryHitAnswer> Hits, string? NextCursor, int Total, bool Capped)
{
    public static MemorySearchAnswer From(MemorySearchResult result) =>
        new(result.Hits.Select(MemoryHitAnswer.From).ToList(), result.NextCursor, result.Total, result.Capped);
}
