using McpDataEnv.Core.Backends;

namespace McpDataEnv.Tools;

/// <summary>The structured answer of run_readonly_sql. Rows are arrays in column order.</summary>
/// <param name="TruncatedBy">
/// Which cap cut the result when <paramref name="Truncated"/>: <c>"rows"</c> (max_rows) or <c>"bytes"</c> (the
/// environment's result-size cap, <c>limits.max_result_bytes</c>); null when complete. The remedies differ:
/// fewer rows versus fewer or narrower columns.
/// </param>
public sealed record RunReadonlySqlResult(
    IReadOnlyList<ResultColumn> Columns,
    IReadOnlyList<object?[]> Rows,
    int RowCount,
    bool Truncated,
    string? TruncatedBy,
    double ElapsedMs)
{
    public const string ByRows = "rows";
    public const string ByBytes = "bytes";

    public static RunReadonlySqlResult From(QueryResult result) =>
        new(result.Columns, result.Rows, result.Rows.Count, result.Truncated, Cause(result.Truncation), Math.Round(result.ElapsedMs, 3));

    private static string? Cause(ResultTruncation truncation) => truncation switch
    {
        ResultTruncation.Rows => ByRows,
        ResultTruncation.Bytes => ByBytes,
        _ => null,
    };
}
