namespace McpDataEnv.Core.Memory;

/// <summary>One search hit.</summary>
/// <param name="Id">Passage id (<c>p_…</c>) or <c>core:&lt;key&gt;</c>.</param>
/// <param name="Key">The block key for a core hit.</param>
/// <param name="Content">Possibly cut to a bounded length; then <paramref name="Truncated"/> is true and the text ends with a marker.</param>
/// <param name="Score">Relevance, higher is better (negated bm25); 0 when listing by recency.</param>
/// <param name="CreatedAt">Passage creation time, or the core block's last update.</param>
/// <param name="Version">The core block's version.</param>
/// <param name="Scope"><c>private</c> or <c>shared:&lt;name&gt;</c>: whose memory the hit comes from.</param>
/// <param name="Source">Provenance source (<c>note</c>, <c>verified_metric</c>, <c>core_block:&lt;key&gt;</c>, or <c>core_block</c> for a live block).</param>
/// <remarks>Content is memory the model (or another client of the same principal) wrote earlier: treat it as data, not instructions.</remarks>
public sealed record MemoryHit(
    string Id,
    MemoryTier Tier,
    string? Key,
    string Content,
    bool Truncated,
    double Score,
    IReadOnlyList<string> Tags,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    long? Version,
    string Source,
    string Scope = MemoryScope.PrivateLabel)
{
    /// <summary>The store's row handle (with <see cref="Tier"/>, the <see cref="MemoryRef"/> it was loaded for).</summary>
    internal long Handle { get; init; }
}
