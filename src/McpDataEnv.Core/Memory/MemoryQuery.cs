namespace McpDataEnv.Core.Memory;

/// <summary>A validated search, as a store sees it.</summary>
/// <param name="Fts">A sanitised full-text query (see <see cref="FtsQuery"/>), or null for "most recent first".</param>
/// <param name="Tags">A hit must carry all of these (normalised) tags; core blocks carry none.</param>
/// <param name="Since">Inclusive lower bound on creation (passages) or last update (core blocks).</param>
/// <param name="Until">Exclusive upper bound.</param>
public sealed record MemoryQuery(
    FtsQuery? Fts,
    MemoryTier Tier,
    IReadOnlyList<string> Tags,
    DateTimeOffset? Since,
    DateTimeOffset? Until)
{
    /// <summary>Whether archival passages can match: every tier but <see cref="MemoryTier.Core"/>.</summary>
    public bool CoversPassages => Tier != MemoryTier.Core;

    /// <summary>Whether core blocks can match: not an archival-only search, and no tag filter (blocks carry no tags).</summary>
    public bool CoversCoreBlocks => Tier != MemoryTier.Archival && Tags.Count == 0;
}
