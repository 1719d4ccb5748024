namespace McpDataEnv.Core.Scripting;

/// <summary>The outcome of one <c>sql()</c> call: rows as a JSON array of objects, or an error the script sees.</summary>
/// <param name="RowsJson">JSON array of row objects (cells normalised like <c>QueryResult</c>), or null on error.</param>
/// <param name="RowCount">Number of rows in <paramref name="RowsJson"/>; the sandbox enforces the per-call row cap on it.</param>
/// <param name="ErrorCode">An <c>ErrorCodes</c> value when the query was refused or failed.</param>
/// <param name="ErrorMessage">Actionable text for the script author (it reaches the model).</param>
public sealed record SqlBridgeResult(string? RowsJson, int RowCount, string? ErrorCode, string? ErrorMessage)
{
    public static SqlBridgeResult Ok(string rowsJson, int rowCount) => new(rowsJson, rowCount, null, null);

    public static SqlBridgeResult Fail(string code, string message) => new(null, 0, code, message);

    public bool IsError => ErrorCode is not null;
}
