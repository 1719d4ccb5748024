using McpDataEnv.Core.Backends;

namespace McpDataEnv.Core.Scripting;

/// <summary>The outcome of one <c>sql()</c> call: rows for the script, or an error the script sees.</summary>
/// <param name="RowsJson">JSON array of row objects (cells normalised like <c>QueryResult</c>), or null on error or when <see cref="Table"/> is set.</param>
/// <param name="RowCount">Number of rows; the sandbox enforces the per-call row cap on it.</param>
/// <param name="ErrorCode">An <c>ErrorCodes</c> value when the query was refused or failed.</param>
/// <param name="ErrorMessage">Actionable text for the script author (it reaches the model).</param>
public sealed record SqlBridgeResult(string? RowsJson, int RowCount, string? ErrorCode, string? ErrorMessage)
{
    /// <summary>
    /// The rows as a query result, sent to the worker in the compact columnar wire format (column names once,
    /// then one array of cells per row) instead of <see cref="RowsJson"/>. Preferred: it is several times cheaper.
    /// </summary>
    public QueryResult? Table { get; init; }

    public static SqlBridgeResult Ok(string rowsJson, int rowCount) => new(rowsJson, rowCount, null, null);

    /// <summary>Rows of a query result, shipped columnar; the script still sees an array of plain objects.</summary>
    public static SqlBridgeResult Ok(QueryResult table) => new(null, table.Rows.Count, null, null) { Table = table };

    public static SqlBridgeResult Fail(string code, string message) => new(null, 0, code, message);

    public bool IsError => ErrorCode is not null;
}
