using McpDataEnv.Core.Errors;
using Microsoft.Data.Sqlite;

namespace McpDataEnv.Core.Memory.Sqlite;

/// <summary>
/// The per-principal write rate limit, kept in the store and checked inside the write transaction, so it holds across
/// processes. A sliding-window counter: this minute's count plus the previous minute's, weighted by how much of it
/// still lies within the last 60 seconds. O(1) per write, whatever the limit.
/// </summary>
internal static class SqliteWriteBudget
{
    private const long MinuteMs = 60_000;

    public static void Enforce(SqliteConnection connection, MemoryWrite write)
    {
        if (write.WritesPerMinute <= 0)
        {
            return;
        }

        var atMs = write.At.ToUnixTimeMilliseconds();
        var minute = atMs / MinuteMs;
        var principal = write.Author;
        var (previous, current) = SqliteMemoryDatabase.Query(
            connection,
            "SELECT minute, count FROM write_counts WHERE principal = $p AND minute IN ($m - 1, $m);",
            reader =>
            {
                long before = 0, now = 0;
                while (reader.Read())
                {
                    if (reader.GetInt64(0) == minute) now = reader.GetInt64(1);
                    else before = reader.GetInt64(1);
                }

                return (before, now);
            },
            ("$p", principal), ("$m", minute));

        var previousWeight = 1.0 - ((double)(atMs % MinuteMs) / MinuteMs);
        if (current + (previous * previousWeight) >= write.WritesPerMinute)
        {
            throw MemoryRefusals.RateLimited(write.WritesPerMinute);
        }

        SqliteMemoryDatabase.Execute(
            connection,
            "INSERT INTO write_counts(principal, minute, count) VALUES ($p, $m, 1) ON CONFLICT(principal, minute) DO UPDATE SET count = count + 1;",
            ("$p", principal), ("$m", minute));
        if (current == 0)
        {
            // First write of this minute: older buckets no longer count.
            SqliteMemoryDatabase.Execute(connection, "DELETE FROM write_counts WHERE principal = $p AND minute < $m - 1;", ("$p", principal), ("$m", minute));
        }
    }
}
