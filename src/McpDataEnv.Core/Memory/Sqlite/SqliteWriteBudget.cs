using McpDataEnv.Core.Errors;
using Microsoft.Data.Sqlite;

namespace McpDataEnv.Core.Memory.Sqlite;

/// <summary>The per-principal write rate limit, counted from the store itself inside the write transaction, so it holds across processes.</summary>
internal static class SqliteWriteBudget
{
    public static void Enforce(SqliteConnection connection, MemoryWrite write)
    {
        if (write.WritesPerMinute <= 0)
        {
            return;
        }

        var since = write.At.AddMinutes(-1).ToUnixTimeMilliseconds();
        var count = Convert.ToInt64(SqliteMemoryDatabase.Scalar(
            connection,
            """
            SELECT (SELECT count(*) FROM passages WHERE created_by = $p AND created_at > $since)
                 + (SELECT count(*) FROM core_revisions WHERE principal = $p AND at > $since AND action <> 'archive');
            """,
            ("$p", write.Scope.Principal), ("$since", since)));
        if (count >= write.WritesPerMinute)
        {
            throw new DataEnvException(
                ErrorCodes.RateLimited,
                $"Too many memory writes: the limit is {write.WritesPerMinute} per minute per principal. Wait a minute, and combine small notes into one passage.",
                new Dictionary<string, object?> { ["limit_per_minute"] = write.WritesPerMinute, ["retry_after_seconds"] = 60 });
        }
    }
}
