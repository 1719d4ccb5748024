using McpDataEnv.Core.Errors;

namespace McpDataEnv.Core.Memory;

/// <summary>
/// The refusals every memory store raises, in one place so the SQLite and PostgreSQL stores answer the model
/// with the same codes, messages and details (the stores differ only in their SQL).
/// </summary>
internal static class MemoryRefusals
{
    public static DataEnvException VersionConflict(string key, long currentVersion, long expected) => new(
        ErrorCodes.VersionConflict,
        $"Core block '{key}' is at version {currentVersion}, not {expected}: it changed since you read it. Read it again, merge, and retry with expected_version {currentVersion}.",
        new Dictionary<string, object?> { ["key"] = key, ["current_version"] = currentVersion, ["expected_version"] = expected });

    public static DataEnvException TooManyBlocks(string key, int maxBlocks) => new(
        ErrorCodes.LimitExceeded,
        $"Core memory already holds {maxBlocks} blocks, the maximum. Edit an existing block, or archive one first.",
        new Dictionary<string, object?> { ["key"] = key, ["limit"] = maxBlocks });

    public static DataEnvException NoSuchBlock(string key) => new(
        ErrorCodes.NotFound,
        $"Core block '{key}' does not exist or is already empty.",
        new Dictionary<string, object?> { ["key"] = key });

    public static DataEnvException RateLimited(int writesPerMinute) => new(
        ErrorCodes.RateLimited,
        $"Too many memory writes: the limit is {writesPerMinute} per minute per principal. Wait a minute, and combine small notes into one passage.",
        new Dictionary<string, object?> { ["limit_per_minute"] = writesPerMinute, ["retry_after_seconds"] = 60 });
}
