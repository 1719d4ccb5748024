using McpDataEnv.Core.Backends;

namespace McpDataEnv.Tools;

/// <summary>The structured answer of run_readonly_sql. Rows are arrays in column order.</summary>
public sealed record RunReadonlySqlResult(
    IReadOnlyList<ResultColumn> Columns,
    IReadOnlyList<object?[]> Rows,
    int RowCount,
    bool Truncated,
    double ElapsedMs)
{
    public static RunReadonlySqlResult From(QueryResult result) =>
        new(result.Columns, result.Rows, result.Rows.Count, result.Truncated, Math.Round(result.ElapsedMs, 3));
}
