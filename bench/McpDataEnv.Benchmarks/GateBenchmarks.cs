using BenchmarkDotNet.Attributes;
using McpDataEnv.Core.Sql;

namespace McpDataEnv.Benchmarks;

/// <summary>
/// The read-only gate's cost per query on a ~2 KB analytical query, against a cache hit (the baseline: a repeated
/// text): a text seen before only with other literal values (dialect lexer + rules; ScriptDom's verdict comes from
/// the shape cache), and a never-seen shape (dialect lexer + rules + ScriptDom's parse).
/// </summary>
[MemoryDiagnoser]
public class GateBenchmarks
{
    private readonly ReadOnlySqlGate _gate = new();
    private int _counter;

    public static string TwoKilobyteQuery { get; } = BuildQuery();

    [GlobalSetup]
    public void Warm() => _gate.Check(TwoKilobyteQuery, SqlDialect.Sqlite);

    [Benchmark(Baseline = true, Description = "2 KB query, cached verdict")]
    public bool CacheHit() => _gate.Check(TwoKilobyteQuery, SqlDialect.Sqlite).IsAllowed;

    [Benchmark(Description = "2 KB query, new literal values (lexer + rules)")]
    public bool NewLiterals() =>
        // A unique LIMIT defeats the text cache without changing the query's shape.
        _gate.Check(TwoKilobyteQuery + " LIMIT " + Next(), SqlDialect.Sqlite).IsAllowed;

    [Benchmark(Description = "2 KB query, never-seen shape (lexer + rules + ScriptDom)")]
    public bool NewShape() =>
        // A unique column alias is a new shape: nothing cached applies.
        _gate.Check(TwoKilobyteQuery + ", month AS m" + Next(), SqlDialect.Sqlite).IsAllowed;

    private string Next() => (++_counter).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string BuildQuery()
    {
        var query = """
            WITH completed AS (
              SELECT o.order_id, o.customer_id, o.region_id, o.ordered_at, o.channel
              FROM orders o
              WHERE o.status = 'completed' AND o.ordered_at >= '2024-01-01' AND o.ordered_at < '2026-01-01'
            ),
            lines AS (
              SELECT i.order_id, SUM(i.quantity * i.unit_price * (1 - i.discount)) AS revenue, COUNT(*) AS line_count
              FROM order_items i JOIN completed c ON c.order_id = i.order_id
              GROUP BY i.order_id
            ),
            by_month AS (
              SELECT strftime('%Y-%m', c.ordered_at) AS month, r.code AS region, c.channel,
                     SUM(l.revenue) AS revenue, COUNT(*) AS orders, AVG(l.line_count) AS avg_lines
              FROM completed c JOIN lines l ON l.order_id = c.order_id JOIN regions r ON r.region_id = c.region_id
              GROUP BY month, region, c.channel
            )
            SELECT month, region, channel, revenue, orders, avg_lines,
                   revenue / NULLIF(orders, 0) AS basket,
                   SUM(revenue) OVER (PARTITION BY region ORDER BY month ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running,
                   RANK() OVER (PARTITION BY month ORDER BY revenue DESC) AS rank_in_month,
                   CASE WHEN revenue > 100000 THEN 'large' WHEN revenue > 10000 THEN 'medium' ELSE 'small' END AS size_band
            FROM by_month
            WHERE region IN ('NA', 'EMEA', 'APAC', 'LATAM') AND channel IN ('web', 'store', 'phone')
            """;
        while (query.Length < 1900)
        {
            query += "\n  AND (revenue IS NOT NULL OR orders > 0 OR avg_lines BETWEEN 0 AND 100)";
        }

        return query + "\nORDER BY month, region, channel";
    }
}
