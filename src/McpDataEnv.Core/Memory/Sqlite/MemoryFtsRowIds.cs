namespace McpDataEnv.Core.Memory.Sqlite;

/// <summary>
/// Rowids in the shared <c>memory_fts</c> table: a passage keeps its own id, a core block sits above
/// <see cref="CoreBase"/>. One bm25 over one table ranks both tiers on one scale, and since every core rowid
/// is above every passage rowid, "newest passages plus all core blocks" is a single rowid range.
/// </summary>
internal static class MemoryFtsRowIds
{
    public const long CoreBase = 1L << 62;

    public static long ForCoreBlock(long blockId) => CoreBase + blockId;

    public static MemoryRef ToRef(long rowId, double score) =>
        rowId >= CoreBase ? new MemoryRef(MemoryTier.Core, rowId - CoreBase, score) : new MemoryRef(MemoryTier.Archival, rowId, score);
}
