namespace McpDataEnv.Core.Memory;

/// <summary>Which memory tier a search covers or a hit comes from.</summary>
public enum MemoryTier
{
    /// <summary>Small named blocks, always shown to the model.</summary>
    Core,

    /// <summary>Unbounded passages, found by search.</summary>
    Archival,

    /// <summary>Both tiers (search only).</summary>
    All,
}
