namespace McpDataEnv.Core.Memory;

/// <summary>
/// Durable storage of core blocks, their revisions and archival passages. Implementations must be safe
/// for several processes on the same store: every write is one transaction that checks versions,
/// the block count and the write rate inside it.
/// </summary>
/// <remarks>
/// Policy that needs no shared state (sizes, content rules, key syntax) is checked by <see cref="MemoryService"/>
/// before a store is called. Refusals are <see cref="Errors.DataEnvException"/>s; a refused write changes nothing.
/// </remarks>
public interface IMemoryStore
{
    /// <summary>Non-empty core blocks of the scope, ordered by key.</summary>
    Task<IReadOnlyList<CoreBlock>> GetCoreBlocksAsync(MemoryScope scope, CancellationToken cancellationToken = default);

    /// <summary>Every revision of the block, oldest first; empty when the block never existed.</summary>
    Task<IReadOnlyList<CoreRevision>> GetHistoryAsync(MemoryScope scope, string key, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces a block and appends a revision.</summary>
    /// <exception cref="Errors.DataEnvException"><c>version_conflict</c> when <paramref name="expectedVersion"/> is stale;
    /// <c>limit_exceeded</c> when a new block would pass <paramref name="maxBlocks"/>; <c>rate_limited</c>.</exception>
    Task<CoreWriteOutcome> WriteCoreAsync(MemoryWrite write, string key, string value, long? expectedVersion, int maxBlocks, CancellationToken cancellationToken = default);

    /// <summary>Appends a passage and returns its id.</summary>
    Task<string> AppendPassageAsync(MemoryWrite write, string content, IReadOnlyList<string> tags, CancellationToken cancellationToken = default);

    /// <summary>In one transaction: the block's value becomes a passage (source <c>core_block:&lt;key&gt;</c>), the block is cleared with a new version, and a revision records both.</summary>
    /// <exception cref="Errors.DataEnvException"><c>not_found</c> when the block does not exist or is already empty; <c>rate_limited</c>.</exception>
    Task<string> ArchiveCoreBlockAsync(MemoryWrite write, string key, IReadOnlyList<string> tags, CancellationToken cancellationToken = default);

    /// <summary>The full ranking of a search (best first, at most <paramref name="cap"/> entries); content is loaded per page by <see cref="LoadHitsAsync"/>.</summary>
    /// <remarks>A store may rank only the newest matches of a very broad query to bound latency; it then reports <see cref="MemoryRanking.Partial"/>.</remarks>
    Task<MemoryRanking> RankAsync(MemoryScope scope, MemoryQuery query, int cap, CancellationToken cancellationToken = default);

    /// <summary>One passage of the scope with its full content, or null.</summary>
    Task<MemoryHit?> GetPassageAsync(MemoryScope scope, string id, CancellationToken cancellationToken = default);

    /// <summary>Hits for <paramref name="refs"/>, in the same order; entries gone meanwhile, or outside the scope, are skipped.</summary>
    Task<IReadOnlyList<MemoryHit>> LoadHitsAsync(MemoryScope scope, IReadOnlyList<MemoryRef> refs, int maxContentChars, CancellationToken cancellationToken = default);
}
