using Microsoft.Data.Sqlite;

namespace McpDataEnv.Core.Memory.Sqlite;

/// <summary>The listing for an empty query: newest first (passages by creation, core blocks by last update).</summary>
internal static class SqliteRecencyRanking
{
    public static MemoryRanking Rank(SqliteConnection connection, MemoryScope scope, MemoryQuery query, int cap)
    {
        var rows = new List<MemoryRef>();
        if (query.CoversPassages)
        {
            rows.AddRange(Read(connection, scope, query, cap, MemoryTier.Archival, $"""
                SELECT p.id, p.created_at FROM passages p
                WHERE p.environment = $e AND p.principal = $p{SqliteMemorySearch.Filters(query, "p.created_at", tags: true)}
                ORDER BY p.created_at DESC, p.id DESC LIMIT $cap;
                """));
        }

        if (query.CoversCoreBlocks)
        {
            rows.AddRange(Read(connection, scope, query, cap, MemoryTier.Core, $"""
                SELECT c.id, c.updated_at FROM core_blocks c
                WHERE c.environment = $e AND c.principal = $p AND c.value <> ''{SqliteMemorySearch.Filters(query, "c.updated_at", tags: false)}
                ORDER BY c.updated_at DESC, c.id DESC LIMIT $cap;
                """));
        }

        var refs = rows.OrderByDescending(r => r.Recency).ThenBy(r => r.Tier).ThenByDescending(r => r.Handle).Take(cap).ToList();
        return new MemoryRanking(refs, Partial: false);
    }

    private static List<MemoryRef> Read(SqliteConnection connection, MemoryScope scope, MemoryQuery query, int cap, MemoryTier tier, string sql)
    {
        using var command = SqliteMemorySearch.Command(connection, sql, scope, query);
        command.Parameters.AddWithValue("$cap", cap);
        using var reader = command.ExecuteReader();
        var rows = new List<MemoryRef>();
        while (reader.Read())
        {
            rows.Add(new MemoryRef(tier, reader.GetInt64(0), Score: 0, Recency: reader.GetInt64(1)));
        }

        return rows;
    }
}
