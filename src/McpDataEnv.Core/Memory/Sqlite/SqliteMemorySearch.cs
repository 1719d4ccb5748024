using System.Text;
using Microsoft.Data.Sqlite;

namespace McpDataEnv.Core.Memory.Sqlite;

/// <summary>Ranking for <see cref="SqliteMemoryStore"/>: FTS5 bm25 for a query, recency for an empty one.</summary>
/// <remarks>
/// FTS5's bm25 costs a few microseconds per matching row, so a very broad query over a large store ranks only the
/// newest <see cref="SqliteMemoryStoreOptions.RankWindow"/> matching passages (global statistics still apply) and reports a partial ranking.
/// Every join is written so that FTS drives the loop (LEFT/CROSS JOIN fix the order); the planner otherwise may
/// probe the FTS index once per passage of the scope, which costs seconds.
/// </remarks>
internal sealed class SqliteMemorySearch(SqliteMemoryDatabase database, int rankWindow, long broadTermMinRows)
{
    private readonly SqliteBroadTerms broadTerms = new(broadTermMinRows);

    private const string PassageFilter = "p.environment = $e AND p.principal = $p";
    private const string CoreFilter = "c.environment = $e AND c.principal = $p";

    public MemoryRanking Rank(MemoryScope scope, MemoryQuery query, int cap)
    {
        using var connection = database.Open();
        return query.Fts is null ? SqliteRecencyRanking.Rank(connection, scope, query, cap) : RankByRelevance(connection, scope, query, cap);
    }

    private MemoryRanking RankByRelevance(SqliteConnection connection, MemoryScope scope, MemoryQuery query, int cap)
    {
        var focus = broadTerms.Focus(connection, query.Fts!);
        var narrowed = focus.Count < query.Fts!.Terms.Count;
        if (narrowed)
        {
            // Broad terms carry no ranking signal. If every term is broad, bm25 cannot tell the matches apart: list the newest.
            query = query with { Fts = query.Fts.WithTerms(focus.Count > 0 ? focus : query.Fts.Terms) };
        }

        var ranking = Rank(connection, scope, query, cap, byRelevance: focus.Count > 0);
        return narrowed ? ranking with { Partial = true } : ranking;
    }

    private MemoryRanking Rank(SqliteConnection connection, MemoryScope scope, MemoryQuery query, int cap, bool byRelevance)
    {
        var (hasPassages, hasCore) = Holdings(connection, scope);
        var wantPassages = query.CoversPassages && hasPassages;
        var wantCore = query.CoversCoreBlocks && hasCore;
        if (!wantPassages && !wantCore)
        {
            // An empty scope (typically a shared one nobody wrote to yet) would otherwise pay for matching the whole
            // index of every other scope only to filter every match out: one indexed probe instead.
            return new MemoryRanking([], false);
        }

        var (low, partial) = wantPassages ? WindowStart(connection, scope, query) : (MemoryFtsRowIds.CoreBase, false);
        var high = wantCore ? long.MaxValue : MemoryFtsRowIds.CoreBase - 1;
        var passageCondition = wantPassages ? $"(p.id IS NOT NULL AND {PassageFilter}{Filters(query, "p.created_at", tags: true)})" : "0";
        var coreCondition = wantCore ? $"(c.id IS NOT NULL AND {CoreFilter}{Filters(query, "c.updated_at", tags: false)})" : "0";
        var sql = $"""
            SELECT memory_fts.rowid, {(byRelevance ? "-bm25(memory_fts)" : "0.0")} FROM memory_fts
            LEFT JOIN passages p ON p.id = memory_fts.rowid
            LEFT JOIN core_blocks c ON c.id = memory_fts.rowid - {MemoryFtsRowIds.CoreBase}
            WHERE memory_fts MATCH $q AND memory_fts.rowid >= $low AND memory_fts.rowid <= $high
              AND ({passageCondition} OR {coreCondition})
            ORDER BY {(byRelevance ? "2 DESC, " : string.Empty)}memory_fts.rowid DESC LIMIT $cap;
            """;
        using var command = Command(connection, sql, scope, query);
        command.Parameters.AddWithValue("$low", low);
        command.Parameters.AddWithValue("$high", high);
        command.Parameters.AddWithValue("$cap", cap);
        using var reader = command.ExecuteReader();
        var refs = new List<MemoryRef>();
        while (reader.Read())
        {
            refs.Add(MemoryFtsRowIds.ToRef(reader.GetInt64(0), Math.Round(reader.GetDouble(1), 6)));
        }

        return new MemoryRanking(refs, partial);
    }

    /// <summary>Whether the scope holds any passage and any core block: one statement, two indexed probes.</summary>
    private static (bool Passages, bool Core) Holdings(SqliteConnection connection, MemoryScope scope) =>
        SqliteMemoryDatabase.Query(connection,
            "SELECT EXISTS (SELECT 1 FROM passages WHERE environment = $e AND principal = $p), " +
            "EXISTS (SELECT 1 FROM core_blocks WHERE environment = $e AND principal = $p)",
            reader => reader.Read() ? (reader.GetInt64(0) != 0, reader.GetInt64(1) != 0) : (false, false),
            ("$e", scope.Environment), ("$p", scope.Principal));

    /// <summary>The lowest passage rowid to rank: 1, or the window's oldest match when there are more matches than the window.</summary>
    private (long Low, bool Partial) WindowStart(SqliteConnection connection, MemoryScope scope, MemoryQuery query)
    {
        var sql = $"""
            SELECT memory_fts.rowid FROM memory_fts CROSS JOIN passages p ON p.id = memory_fts.rowid
            WHERE memory_fts MATCH $q AND memory_fts.rowid < {MemoryFtsRowIds.CoreBase} AND {PassageFilter}{Filters(query, "p.created_at", tags: true)}
            ORDER BY memory_fts.rowid DESC LIMIT 2 OFFSET {rankWindow - 1};
            """;
        using var command = Command(connection, sql, scope, query);
        using var reader = command.ExecuteReader();
        var boundary = reader.Read() ? reader.GetInt64(0) : 1;
        return (boundary, reader.Read());
    }

    internal static string Filters(MemoryQuery query, string timeColumn, bool tags)
    {
        var sql = new StringBuilder();
        if (query.Since is not null)
        {
            sql.Append($" AND {timeColumn} >= $since");
        }

        if (query.Until is not null)
        {
            sql.Append($" AND {timeColumn} < $until");
        }

        for (var i = 0; tags && i < query.Tags.Count; i++)
        {
            sql.Append($" AND p.id IN (SELECT passage_id FROM passage_tags WHERE tag = $t{i})");
        }

        return sql.ToString();
    }

    internal static SqliteCommand Command(SqliteConnection connection, string sql, MemoryScope scope, MemoryQuery query)
    {
        var command = SqliteMemoryDatabase.Command(connection, sql, ("$e", scope.Environment), ("$p", scope.Principal));
        Bind(command, "$q", query.Fts?.Expression);
        Bind(command, "$since", query.Since?.ToUnixTimeMilliseconds());
        Bind(command, "$until", query.Until?.ToUnixTimeMilliseconds());
        for (var i = 0; i < query.Tags.Count; i++)
        {
            Bind(command, $"$t{i}", query.Tags[i]);
        }

        return command;
    }

    private static void Bind(SqliteCommand command, string name, object? value)
    {
        if (value is not null && command.CommandText.Contains(name, StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue(name, value);
        }
    }
}
