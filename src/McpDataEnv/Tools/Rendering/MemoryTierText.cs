using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Memory;

namespace McpDataEnv.Tools;

/// <summary>The tier names tools accept and return.</summary>
public static class MemoryTierText
{
    public static string Format(MemoryTier tier) => tier switch
    {
        MemoryTier.Core => "core",
        MemoryTier.Archival => "archival",
        _ => "all",
    };

    public static MemoryTier Parse(string? tier) => (tier ?? "all").Trim().ToLowerInvariant() switch
    {
        "" or "all" => MemoryTier.All,
        "core" => MemoryTier.Core,
        "archival" => MemoryTier.Archival,
        _ => throw new DataEnvException(
            ErrorCodes.InvalidArgument,
            "tier must be 'core', 'archival' or 'all'.",
            new Dictionary<string, object?> { ["argument"] = "tier" }),
    };
}
