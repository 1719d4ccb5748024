using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace McpDataEnv.Core.Memory.Sqlite;

/// <summary>Ranking (FTS5 bm25, or recency for an empty query) and hit loading for <see cref="SqliteMemoryStore"/>.</summary>
internal sealed class SqliteMemorySearch(SqliteMemoryDatabase database)
{
    public IReadOnlyList<MemoryRef> Rank(MemoryScope scope, MemoryQuery query, int cap)
    {
        using var connection = database.Open();
        var rows = new List<(MemoryRef Ref, double Order)>();
        if (query.Tier != MemoryTier.Core)
        {
            rows.AddRange(Query(connection, PassageSql(query), scope, query, cap, MemoryTier.Archival));
        }

        if (query.Tier != MemoryTier.Archival && query.Tags.Count == 0)
        {
            rows.AddRange(Query(connection, CoreSql(query), scope, query, cap, MemoryTier.Core));
        }

        // Both orders are "higher first": relevance, or creation time for a recency listing. Ties: core first, then newest row.
        return rows
            .OrderByDescending(r => r.Order)
            .ThenBy(r => r.Ref.Tier)
            .ThenByDescending(r => r.Ref.Handle)
            .Take(cap)
            .Select(r => r.Ref)
            .ToList();
    }

    public IReadOnlyList<MemoryHit> Load(MemoryScope scope, IReadOnlyList<MemoryRef> refs, int maxChars)
    {
        using var connection = database.Open();
        var hits = new Dictionary<(MemoryTier, long), MemoryHit>();
        var scores = refs.ToDictionary(r => (r.Tier, r.Handle), r => r.Score);
        LoadTier(connection, scope, refs, MemoryTier.Archival,
            "SELECT id, public_id, content, tags, created_at, created_by, source FROM passages",
            reader => Hit(reader, MemoryTier.Archival, null, scores, maxChars), hits);
        LoadTier(connection, scope, refs, MemoryTier.Core,
            "SELECT id, 'core:' || key, value, '[]', updated_at, updated_by, 'core_block', key, version FROM core_blocks",
            reader => Hit(reader, MemoryTier.Core, reader.GetInt64(8), scores, maxChars), hits);
        return refs.Where(r => hits.ContainsKey((r.Tier, r.Handle))).Select(r => hits[(r.Tier, r.Handle)]).ToList();
    }

    private static string PassageSql(MemoryQuery query)
    {
        var sql = new StringBuilder(query.Fts is null
            ? "SELECT p.id, p.created_at FROM passages p WHERE 1 = 1"
            : "SELECT p.id, -bm25(memory_fts) FROM memory_fts JOIN passages p ON p.id = memory_fts.rowid WHERE memory_fts MATCH $q");
        sql.Append(" AND p.environment = $e AND p.principal = $p AND p.state = 'active'");
        AppendTimeRange(sql, query, "p.created_at");
        for (var i = 0; i < query.Tags.Count; i++)
        {
            sql.Append($" AND p.id IN (SELECT passage_id FROM passage_tags WHERE tag = $t{i})");
        }

        return sql.Append(" ORDER BY 2 DESC, p.id DESC LIMIT $cap;").ToString();
    }

    private static string CoreSql(MemoryQuery query)
    {
        var sql = new StringBuilder(query.Fts is null
            ? "SELECT c.id, c.updated_at FROM core_blocks c WHERE c.value <> ''"
            : "SELECT c.id, -bm25(memory_fts) FROM memory_fts JOIN core_blocks c ON c.id = -memory_fts.rowid WHERE memory_fts MATCH $q");
        sql.Append(" AND c.environment = $e AND c.principal = $p");
        AppendTimeRange(sql, query, "c.updated_at");
        return sql.Append(" ORDER BY 2 DESC, c.id DESC LIMIT $cap;").ToString();
    }

    private static void AppendTimeRange(StringBuilder sql, MemoryQuery query, string column)
    {
        if (query.Since is not null)
        {
            sql.Append($" AND {column} >= $since");
        }

        if (query.Until is not null)
        {
            sql.Append($" AND {column} < $until");
        }
    }

    private static IEnumerable<(MemoryRef, double)> Query(SqliteConnection connection, string sql, MemoryScope scope, MemoryQuery query, int cap, MemoryTier tier)
    {
        using var command = SqliteMemoryDatabase.Command(connection, sql, ("$e", scope.Environment), ("$p", scope.Principal), ("$cap", cap));
        Bind(command, "$q", query.Fts?.Expression);
        Bind(command, "$since", query.Since?.ToUnixTimeMilliseconds());
        Bind(command, "$until", query.Until?.ToUnixTimeMilliseconds());
        for (var i = 0; i < query.Tags.Count; i++)
        {
            command.Parameters.AddWithValue($"$t{i}", query.Tags[i]);
        }

        using var reader = command.ExecuteReader();
        var rows = new List<(MemoryRef, double)>();
        while (reader.Read())
        {
            var order = reader.GetDouble(1);
            rows.Add((new MemoryRef(tier, reader.GetInt64(0), query.Fts is null ? 0 : Math.Round(order, 6)), order));
        }

        return rows;
    }

    private static void Bind(SqliteCommand command, string name, object? value)
    {
        if (value is not null && command.CommandText.Contains(name, StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue(name, value);
        }
    }

    private static void LoadTier(
        SqliteConnection connection, MemoryScope scope, IReadOnlyList<MemoryRef> refs, MemoryTier tier,
        string select, Func<SqliteDataReader, MemoryHit> read, Dictionary<(MemoryTier, long), MemoryHit> hits)
    {
        var handles = refs.Where(r => r.Tier == tier).Select(r => r.Handle).ToList();
        if (handles.Count == 0)
        {
            return;
        }

        var sql = $"{select} WHERE environment = $e AND principal = $p AND id IN ({string.Join(", ", handles.Select((_, i) => $"$h{i}"))});";
        using var command = SqliteMemoryDatabase.Command(connection, sql, ("$e", scope.Environment), ("$p", scope.Principal));
        for (var i = 0; i < handles.Count; i++)
        {
            command.Parameters.AddWithValue($"$h{i}", handles[i]);
        }

        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            hits[(tier, reader.GetInt64(0))] = read(reader);
        }
    }

    private static MemoryHit Hit(SqliteDataReader reader, MemoryTier tier, long? version, Dictionary<(MemoryTier, long), double> scores, int maxChars)
    {
        var content = reader.GetString(2);
        var truncated = content.Length > maxChars;
        if (truncated)
        {
            content = $"{content[..maxChars]}… [truncated: {content.Length} characters in total]";
        }

        return new MemoryHit(
            reader.GetString(1),
            tier,
            tier == MemoryTier.Core ? reader.GetString(7) : null,
            content,
            truncated,
            scores[(tier, reader.GetInt64(0))],
            JsonSerializer.Deserialize<string[]>(reader.GetString(3)) ?? [],
            SqliteMemoryStore.FromMs(reader.GetInt64(4)),
            reader.GetString(5),
            version,
            reader.GetString(6));
    }
}
