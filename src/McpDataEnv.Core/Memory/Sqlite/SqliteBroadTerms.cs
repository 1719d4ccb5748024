using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace McpDataEnv.Core.Memory.Sqlite;

/// <summary>
/// Finds query terms present in more than half of a large store. FTS5's bm25 gives such a term an idf of ~0 (no ranking
/// signal) yet scans its whole posting list on every query, so a search leaves it out when other terms remain.
/// </summary>
/// <remarks>Answers are cached per process for a few minutes: a term's share of a large store moves slowly.</remarks>
/// <param name="minRows">Below this many passages every term is kept: bm25 is cheap there and the statistics are noisy.</param>
internal sealed class SqliteBroadTerms(long minRows)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, (long Matches, DateTime At)> cache = new(StringComparer.Ordinal);

    /// <summary>The terms worth ranking: present, and not broad. Empty when none is.</summary>
    public IReadOnlyList<string> Focus(SqliteConnection connection, FtsQuery query)
    {
        var rows = Convert.ToInt64(SqliteMemoryDatabase.Scalar(connection, "SELECT coalesce(max(id), 0) FROM passages;"));
        if (rows < minRows)
        {
            return query.Terms;
        }

        var half = rows / 2;
        return query.Terms.Where(term => Matches(connection, term, half) is var n && n > 0 && n <= half).ToList();
    }

    /// <summary>How many rows match <paramref name="term"/>, counted up to <paramref name="half"/> + 1.</summary>
    private long Matches(SqliteConnection connection, string term, long half)
    {
        var now = DateTime.UtcNow;
        if (cache.TryGetValue(term, out var known) && now - known.At < Lifetime)
        {
            return known.Matches;
        }

        if (cache.Count > 10_000)
        {
            cache.Clear();
        }

        // Counting stops at half the store: the cost is bounded even for a term in every row.
        var matches = Convert.ToInt64(SqliteMemoryDatabase.Scalar(
            connection,
            "SELECT count(*) FROM (SELECT 1 FROM memory_fts WHERE memory_fts MATCH $q LIMIT $limit);",
            ("$q", "\"" + term + "\""), ("$limit", half + 1)));
        if (matches > 0)
        {
            // Never cache an absent term: a passage archived a moment later must be found.
            cache[term] = (matches, now);
        }

        return matches;
    }
}
