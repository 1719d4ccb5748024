using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Governance;

namespace McpDataEnv.Core.Memory;

/// <summary>
/// Tiered memory for one environment: core blocks (always in context) and archival passages (searched).
/// Every write passes the policy (key syntax, sizes, content rules, block count, per-principal rate) and
/// nothing is ever lost: edits append revisions, archiving moves a block's text into a passage.
/// </summary>
/// <remarks>
/// The <see cref="MemoryScope"/> comes from the connection, never from model arguments.
/// Refusals are <see cref="DataEnvException"/>s whose messages reach the model.
/// </remarks>
public sealed class MemoryService
{
    /// <summary>Hits keep at most this many characters of content; longer content ends with a marker.</summary>
    public const int HitContentChars = 1_000;

    /// <summary>A search ranks at most this many hits (pages of <see cref="MemorySettings.SearchMaxLimit"/> each).</summary>
    public const int MaxRankedHits = 1_000;

    private readonly IMemoryStore store;
    private readonly MemorySettings settings;
    private readonly MemoryContentPolicy contentPolicy;
    private readonly TimeProvider time;
    private readonly SearchSnapshots snapshots;

    public MemoryService(IMemoryStore store, MemorySettings settings, MemoryContentRules rules, TimeProvider? time = null)
    {
        this.store = store;
        this.settings = settings;
        contentPolicy = new MemoryContentPolicy(rules);
        this.time = time ?? TimeProvider.System;
        snapshots = new SearchSnapshots(this.time);
    }

    public Task<IReadOnlyList<CoreBlock>> GetCoreBlocksAsync(MemoryScope scope, CancellationToken cancellationToken = default) =>
        store.GetCoreBlocksAsync(scope, cancellationToken);

    /// <summary>The core blocks of every scope <paramref name="access"/> may read: private first, then each shared scope .</summary>
    public async Task<IReadOnlyList<ScopedCoreBlocks>> GetReadableCoreBlocksAsync(MemoryAccess access, CancellationToken cancellationToken = default)
    {
        var writable = access.WritableLabels;
        var result = new List<ScopedCoreBlocks>();
        foreach (var scope in access.Readable)
        {
            var blocks = await store.GetCoreBlocksAsync(scope, cancellationToken);
            result.Add(new ScopedCoreBlocks(scope.Label, writable.Contains(scope.Label), blocks));
        }

        return result;
    }

    public Task<IReadOnlyList<CoreRevision>> GetHistoryAsync(MemoryScope scope, string key, CancellationToken cancellationToken = default) =>
        store.GetHistoryAsync(scope, MemoryNames.ValidateKey(key), cancellationToken);

    /// <summary>One passage with its full content (search hits are cut at <see cref="HitContentChars"/>); <c>not_found</c> outside the scope.</summary>
    public async Task<MemoryHit> GetPassageAsync(MemoryScope scope, string id, CancellationToken cancellationToken = default) =>
        await store.GetPassageAsync(scope, id ?? string.Empty, cancellationToken)
        ?? throw new DataEnvException(ErrorCodes.NotFound, $"No passage '{Shorten(id)}' in your memory. Search to find passage ids.", new Dictionary<string, object?> { ["argument"] = "id" });

    /// <summary>Creates or replaces core block <paramref name="key"/>; with <paramref name="expectedVersion"/> a stale write is refused (<c>version_conflict</c>).</summary>
    /// <remarks><paramref name="expectedVersion"/> 0 means "only if the block does not exist yet".</remarks>
    public async Task<CoreEditResult> EditCoreAsync(
        MemoryScope scope, string key, string newValue, long? expectedVersion, MemoryProvenance provenance, CancellationToken cancellationToken = default)
    {
        MemoryNames.ValidateKey(key);
        ArgumentNullException.ThrowIfNull(newValue);
        if (newValue.Length > settings.CoreBlockLimit)
        {
            throw new DataEnvException(
                ErrorCodes.LimitExceeded,
                $"Core block '{key}' would hold {newValue.Length} characters; the limit is {settings.CoreBlockLimit}. Shorten it, or archive details with memory archive and keep a summary here.",
                new Dictionary<string, object?> { ["key"] = key, ["size"] = newValue.Length, ["limit"] = settings.CoreBlockLimit });
        }

        contentPolicy.Check(newValue, "value");
        var outcome = await store.WriteCoreAsync(Write(scope, provenance), key, newValue, expectedVersion, settings.MaxCoreBlocks, cancellationToken);
        return new CoreEditResult(key, outcome.Version, outcome.PreviousVersion, newValue.Length, settings.CoreBlockLimit);
    }

    /// <summary>Stores a passage in archival memory.</summary>
    public async Task<ArchiveResult> ArchiveAsync(
        MemoryScope scope, string content, IReadOnlyList<string>? tags, MemoryProvenance provenance, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            throw new DataEnvException(ErrorCodes.InvalidArgument, "Archive content is empty.", new Dictionary<string, object?> { ["argument"] = "content" });
        }

        if (content.Length > settings.MaxPassageChars)
        {
            throw new DataEnvException(
                ErrorCodes.LimitExceeded,
                $"The passage has {content.Length} characters; the limit is {settings.MaxPassageChars}. Split it into several passages.",
                new Dictionary<string, object?> { ["size"] = content.Length, ["limit"] = settings.MaxPassageChars });
        }

        var normalizedTags = MemoryNames.NormalizeTags(tags);
        contentPolicy.Check(content, "content");
        contentPolicy.Check(string.Join(' ', normalizedTags), "tags");
        return new ArchiveResult(await store.AppendPassageAsync(Write(scope, provenance), content, normalizedTags, cancellationToken));
    }

    /// <summary>Moves core block <paramref name="key"/> into a passage and clears the block (one transaction).</summary>
    public async Task<ArchiveResult> ArchiveCoreBlockAsync(
        MemoryScope scope, string key, IReadOnlyList<string>? tags, MemoryProvenance provenance, CancellationToken cancellationToken = default)
    {
        MemoryNames.ValidateKey(key);
        var normalizedTags = MemoryNames.NormalizeTags(tags);
        contentPolicy.Check(string.Join(' ', normalizedTags), "tags");
        var write = Write(scope, provenance with { Source = MemorySources.FromCoreBlock(key) });
        return new ArchiveResult(await store.ArchiveCoreBlockAsync(write, key, normalizedTags, cancellationToken));
    }

    /// <summary>Archives a metric that triangulation verified, with its proof, tagged <c>verified</c> and <c>metric:&lt;name&gt;</c>.</summary>
    /// <remarks>
    /// Contract for <c>triangulate_metric</c>: call it only after both paths agreed. The passage holds both values, the SQL
    /// and the SHA-256 of the script (not the script), its source is <see cref="MemorySources.VerifiedMetric"/>, and it
    /// passes the same policy as any archive (size, content rules, rate): a refusal is a <see cref="DataEnvException"/>
    /// the caller may report as a warning without failing the verification.
    /// </remarks>
    public Task<ArchiveResult> ArchiveVerifiedMetricAsync(
        MemoryScope scope, VerifiedMetric metric, MemoryProvenance provenance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return ArchiveAsync(
            scope,
            VerifiedMetricPassage.Content(metric),
            VerifiedMetricPassage.Tags(metric),
            provenance with { Source = MemorySources.VerifiedMetric },
            cancellationToken);
    }

    /// <summary>Ranked full-text search (bm25) or, for an empty query, most recent first; paged with an opaque cursor.</summary>
    public Task<MemorySearchResult> SearchAsync(MemoryScope scope, MemorySearchRequest request, CancellationToken cancellationToken = default) =>
        SearchAsync([scope], request, cancellationToken);

    /// <summary>One search over several scopes (the caller's own first, then shared ones it may read), merged into one ranking.</summary>
    /// <remarks>Relevance scores of all scopes come from one index, so they merge on one scale; a recency listing merges by time.
    /// The cursor is bound to the first scope (the caller's identity) and a later page shows only scopes still in <paramref name="scopes"/>.</remarks>
    public async Task<MemorySearchResult> SearchAsync(IReadOnlyList<MemoryScope> scopes, MemorySearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfZero(scopes.Count);
        var owner = scopes[0];
        var limit = request.Limit ?? settings.SearchDefaultLimit;
        if (limit < 1)
        {
            throw new DataEnvException(ErrorCodes.InvalidArgument, "limit must be at least 1.", new Dictionary<string, object?> { ["argument"] = "limit" });
        }

        limit = Math.Min(limit, settings.SearchMaxLimit);
        IReadOnlyList<MemoryRef> ranking;
        int offset;
        bool capped;
        if (request.Cursor is { Length: > 0 } cursor)
        {
            (ranking, capped, offset) = snapshots.Resolve(owner, cursor);
        }
        else
        {
            var query = new MemoryQuery(FtsQuery.Parse(request.Query), request.Tier, MemoryNames.NormalizeTags(request.Tags), request.Since, request.Until);
            (ranking, capped) = await RankAsync(scopes, query, cancellationToken);
            offset = 0;
        }

        var page = ranking.Skip(offset).Take(limit).ToList();
        var hits = await LoadAsync(scopes, page, cancellationToken);
        var end = offset + page.Count;
        string? next = end >= ranking.Count ? null
            : request.Cursor is { Length: > 0 } previous ? SearchSnapshots.Next(previous, end)
            : snapshots.Save(owner, ranking, capped, end);
        return new MemorySearchResult(hits, next, ranking.Count, capped);
    }

    private async Task<(IReadOnlyList<MemoryRef> Ranking, bool Capped)> RankAsync(IReadOnlyList<MemoryScope> scopes, MemoryQuery query, CancellationToken cancellationToken)
    {
        var merged = new List<MemoryRef>();
        var capped = false;
        foreach (var scope in scopes)
        {
            var ranked = await store.RankAsync(scope, query, MaxRankedHits + 1, cancellationToken);
            capped |= ranked.Partial || ranked.Refs.Count > MaxRankedHits;
            merged.AddRange(ranked.Refs.Take(MaxRankedHits).Select(r => r with { Scope = scope }));
        }

        if (scopes.Count > 1)
        {
            // Stable sorts: ties keep the store's own order, the caller's scope first.
            merged = (query.Fts is null ? merged.OrderByDescending(r => r.Recency) : merged.OrderByDescending(r => r.Score)).ToList();
            capped |= merged.Count > MaxRankedHits;
        }

        return (merged.Take(MaxRankedHits).ToList(), capped);
    }

    private async Task<IReadOnlyList<MemoryHit>> LoadAsync(IReadOnlyList<MemoryScope> scopes, IReadOnlyList<MemoryRef> page, CancellationToken cancellationToken)
    {
        var found = new Dictionary<(MemoryScope, MemoryTier, long), MemoryHit>();
        foreach (var scope in scopes)
        {
            var refs = page.Where(r => r.Scope == scope).ToList();
            if (refs.Count == 0)
            {
                continue;
            }

            foreach (var hit in await store.LoadHitsAsync(scope, refs, HitContentChars, cancellationToken))
            {
                found[(scope, hit.Tier, hit.Handle)] = hit with { Scope = scope.Label };
            }
        }

        return page.Where(r => r.Scope is not null && found.ContainsKey((r.Scope, r.Tier, r.Handle))).Select(r => found[(r.Scope!, r.Tier, r.Handle)]).ToList();
    }

    private static string Shorten(string? text) => text is null ? string.Empty : text.Length <= 40 ? text : text[..40] + "…";

    private MemoryWrite Write(MemoryScope scope, MemoryProvenance provenance)
    {
        if (scope.IsShared && provenance.Writer is null)
        {
            throw new ArgumentException("A write to a shared scope must name its writer (MemoryAccess.Stamp).", nameof(provenance));
        }

        return new(scope, provenance, time.GetUtcNow(), settings.WritesPerMinute);
    }
}
