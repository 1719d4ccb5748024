namespace McpDataEnv.Core.Memory;

/// <summary>Search arguments as a tool receives them from the model.</summary>
/// <param name="Query">Free text; any characters are safe. Empty lists the most recent first.</param>
/// <param name="Limit">Hits per page; defaults to and is capped by the environment's memory settings.</param>
/// <param name="Cursor">The <c>NextCursor</c> of a previous page; the page continues that search, so query, tier, tags and dates are ignored.</param>
public sealed record MemorySearchRequest(
    string? Query = null,
    MemoryTier Tier = MemoryTier.All,
    IReadOnlyList<string>? Tags = null,
    DateTimeOffset? Since = null,
    DateTimeOffset? Until = null,
    int? Limit = null,
    string? Cursor = null);
