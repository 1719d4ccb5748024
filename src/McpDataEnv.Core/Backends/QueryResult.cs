namespace McpDataEnv.Core.Backends;

/// <summary>
/// Rows of one query, in column order. Cell values are already normalised for JSON:
/// <c>null</c>, <see cref="bool"/>, <see cref="long"/>, <see cref="double"/>, <see cref="decimal"/>,
/// <see cref="string"/> (timestamps as ISO 8601, exact numerics that do not fit a JSON number
/// losslessly as decimal strings), <see cref="byte"/>[] (written as base64), or
/// <see cref="System.Text.Json.JsonElement"/> (json/jsonb, arrays).
/// </summary>
/// <param name="Truncation">Which cap cut the result short (<see cref="ResultTruncation.None"/> when it is complete).</param>
public sealed record QueryResult(
    IReadOnlyList<ResultColumn> Columns,
    IReadOnlyList<object?[]> Rows,
    ResultTruncation Truncation,
    double ElapsedMs)
{
    /// <summary>True whenever more rows existed than were returned, whichever cap stopped them.</summary>
    public bool Truncated => Truncation != ResultTruncation.None;

    /// <summary>
    /// What the engine reported the statement reads (table, column), distinct, unordered; empty when the
    /// backend does not report it. Plans compare it against their declared scope.
    /// </summary>
    public IReadOnlyList<ColumnRead> Reads { get; init; } = [];
}
