namespace McpDataEnv.Core.Memory;

/// <summary>Well-known values of <see cref="MemoryProvenance.Source"/>.</summary>
public static class MemorySources
{
    public const string Note = "note";
    public const string VerifiedMetric = "verified_metric";
    public const string CoreBlock = "core_block";

    /// <summary>Source of a passage made by archiving core block <paramref name="key"/>.</summary>
    public static string FromCoreBlock(string key) => $"{CoreBlock}:{key}";
}
