using McpDataEnv.Core.Memory;

namespace McpDataEnv.Tools;

/// <summary>One search hit as the model sees it, with its provenance (who wrote it, when, from what source).</summary>
/// <param name="Tier"><c>core</c> or <c>archival</c>.</param>
/// <param name="Key">The block key of a core hit; null for a passage.</param>
/// <param name="Version">The core block's version; null for a passage.</param>
/// <param name="Scope"><c>private</c> (the caller's own memory) or <c>shared:&lt;name&gt;</c> (a shared scope of the environment).</param>
public sealed record MemoryHitAnswer(
    string Id,
    string Tier,
    string? Key,
    string Content,
    bool Truncated,
    double Score,
    IReadOnlyList<string> Tags,
    string CreatedAt,
    string CreatedBy,
    long? Version,
    string Source,
    string Scope)
{
    public static MemoryHitAnswer From(MemoryHit hit) => new(
        hit.Id,
        MemoryTierText.Format(hit.Tier),
        hit.Key,
        hit.Content,
        hit.Truncated,
        Math.Round(hit.Score, 6),
        hit.Tags,
        hit.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        hit.CreatedBy,
        hit.Version,
        hit.Source,
        hit.Scope);
}
