using Npgsql;
using NpgsqlTypes;

namespace McpDataEnv.Core.Memory.Postgres;

/// <summary>
/// Full-text ranking with <c>tsvector</c> and <c>ts_rank_cd</c>. The tsquery is built from <see cref="FtsQuery.Terms"/>, which
/// hold only letters and digits, each quoted and joined by <c>|</c>: no tsquery syntax from user text reaches the engine.
/// A query matching more than the rank window ranks only its newest matches and reports the ranking as partial.
/// </summary>
internal sealed class PostgresMemorySearch(NpgsqlDataSource dataSource, string s, int rankWindow)
{
    public async Task<MemoryRanking> RankAsync(MemoryScope scope, MemoryQuery query, int cap, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var tsquery = query.Fts is null ? null : string.Join(" | ", query.Fts.Terms.Select(t => "'" + t + "'"));
        var refs = new List<MemoryRef>();
        var partial = false;
        if (query.CoversPassages)
        {
            var passages = await ReadAsync(connection, PassageSql(tsquery is not null), MemoryTier.Archival, scope, query, tsquery, tsquery is null ? cap : rankWindow + 1, cancellationToken).ConfigureAwait(false);
            partial = tsquery is not null && passages.Count > rankWindow;
            refs.AddRange(partial ? passages.Take(rankWindow) : passages);
        }

        if (query.CoversCoreBlocks)
        {
            refs.AddRange(await ReadAsync(connection, CoreSql(tsquery is not null), MemoryTier.Core, scope, query, tsquery, cap, cancellationToken).ConfigureAwait(false));
        }

        var ordered = refs.OrderByDescending(r => r.Score).ThenByDescending(r => r.Handle).Take(cap);
        return new MemoryRanking((tsquery is null ? ordered.Select(r => r with { Score = 0, Recency = (long)r.Score }) : ordered).ToList(), partial);
    }

    // For a recency listing the "score" column carries the creation time (epoch ms) to merge both tiers; it is reported as 0.
    private string PassageSql(bool text) => text
        ? $"""
          SELECT m.id, ts_rank_cd(m.tsv, to_tsquery('english', $3)) AS score FROM (
            SELECT id, tsv FROM {s}.passages
            WHERE environment = $1 AND principal = $2 AND tsv @@ to_tsquery('english', $3) AND tags @> $4
              AND ($5::timestamptz IS NULL OR created_at >= $5) AND ($6::timestamptz IS NULL OR created_at < $6)
            ORDER BY created_at DESC, id DESC LIMIT $7) m
          ORDER BY score DESC, m.id DESC
          """
        : $"""
          SELECT id, extract(epoch FROM created_at) * 1000 FROM {s}.passages
          WHERE environment = $1 AND principal = $2 AND ($3::text IS NULL) AND tags @> $4
            AND ($5::timestamptz IS NULL OR created_at >= $5) AND ($6::timestamptz IS NULL OR created_at < $6)
          ORDER BY created_at DESC, id DESC LIMIT $7
          """;

    private string CoreSql(bool text) => $"""
        SELECT id, {(text ? "ts_rank_cd(tsv, to_tsquery('english', $3))" : "extract(epoch FROM updated_at) * 1000")} FROM {s}.core_blocks
        WHERE environment = $1 AND principal = $2 AND value <> '' AND {(text ? "tsv @@ to_tsquery('english', $3)" : "$3::text IS NULL")}
          AND cardinality($4::text[]) = 0
          AND ($5::timestamptz IS NULL OR updated_at >= $5) AND ($6::timestamptz IS NULL OR updated_at < $6)
        ORDER BY 2 DESC LIMIT $7
        """;

    private static async Task<List<MemoryRef>> ReadAsync(
        NpgsqlConnection connection, string sql, MemoryTier tier, MemoryScope scope, MemoryQuery query, string? tsquery, int limit, CancellationToken cancellationToken)
    {
        await using var command = PostgresMemorySql.Command(
            connection, sql, scope.Environment, scope.Principal,
            PostgresMemorySql.Typed(tsquery, NpgsqlDbType.Text),
            PostgresMemorySql.Typed(query.Tags.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text),
            PostgresMemorySql.Typed(query.Since?.ToUniversalTime(), NpgsqlDbType.TimestampTz),
            PostgresMemorySql.Typed(query.Until?.ToUniversalTime(), NpgsqlDbType.TimestampTz),
            limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var refs = new List<MemoryRef>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            refs.Add(new MemoryRef(tier, reader.GetInt64(0), Convert.ToDouble(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)));
        }

        return refs;
    }
}
