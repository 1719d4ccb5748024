using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace McpDataEnv.Core.Memory.Sqlite;

/// <summary>Loads the content of one page of ranked refs, bounded per hit, and only inside the caller's scope.</summary>
internal sealed class SqliteHitLoader(SqliteMemoryDatabase database)
{
    public IReadOnlyList<MemoryHit> Load(MemoryScope scope, IReadOnlyList<MemoryRef> refs, int maxChars)
    {
        using var connection = database.Open();
        var hits = new Dictionary<(MemoryTier, long), MemoryHit>();
        var scores = refs.ToDictionary(r => (r.Tier, r.Handle), r => r.Score);
        LoadTier(connection, scope, refs, MemoryTier.Archival,
            "SELECT id, public_id, content, tags, created_at, created_by, source FROM passages",
            reader => Hit(reader, MemoryTier.Archival, null, scores[(MemoryTier.Archival, reader.GetInt64(0))], maxChars), hits);
        LoadTier(connection, scope, refs, MemoryTier.Core,
            "SELECT id, 'core:' || key, value, '[]', updated_at, updated_by, 'core_block', key, version FROM core_blocks",
            reader => Hit(reader, MemoryTier.Core, reader.GetInt64(8), scores[(MemoryTier.Core, reader.GetInt64(0))], maxChars), hits);
        return refs.Where(r => hits.ContainsKey((r.Tier, r.Handle))).Select(r => hits[(r.Tier, r.Handle)]).ToList();
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

        // A core block cleared since the ranking (archived) has no content left to show. The unary + keeps the planner
        // on the primary key: with the scope index it would scan every row of the scope.
        var sql = $"{select} WHERE +environment = $e AND +principal = $p AND id IN ({string.Join(", ", handles.Select((_, i) => $"$h{i}"))})"
            + (tier == MemoryTier.Core ? " AND value <> '';" : ";");
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

    /// <summary>One passage by its public id, content in full; null when absent or outside the scope.</summary>
    public MemoryHit? LoadPassage(MemoryScope scope, string id)
    {
        using var connection = database.Open();
        using var command = SqliteMemoryDatabase.Command(
            connection,
            "SELECT id, public_id, content, tags, created_at, created_by, source FROM passages WHERE public_id = $id AND environment = $e AND principal = $p;",
            ("$id", id), ("$e", scope.Environment), ("$p", scope.Principal));
        using var reader = command.ExecuteReader();
        return reader.Read() ? Hit(reader, MemoryTier.Archival, null, 0, int.MaxValue) : null;
    }

    private static MemoryHit Hit(SqliteDataReader reader, MemoryTier tier, long? version, double score, int maxChars)
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
            score,
            JsonSerializer.Deserialize<string[]>(reader.GetString(3)) ?? [],
            SqliteMemoryStore.FromMs(reader.GetInt64(4)),
            reader.GetString(5),
            version,
            reader.GetString(6))
        {
            Handle = reader.GetInt64(0),
        };
    }
}
