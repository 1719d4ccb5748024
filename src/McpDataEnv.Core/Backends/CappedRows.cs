using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using McpDataEnv.Core.Errors;

namespace McpDataEnv.Core.Backends;

/// <summary>
/// Gathers a result's rows under both caps of a <see cref="QueryRequest"/>, for every backend: the same rows
/// of the same query stop at the same row, with the same <see cref="ResultTruncation"/>, on SQLite and PostgreSQL.
/// Past either cap the rows so far are kept and the result is marked truncated: a model does better with the
/// first rows and an explicit signal than with nothing. Only when not even the first row fits the size cap is it
/// <c>result_too_large</c>.
/// </summary>
/// <remarks>
/// Sizes are estimated from the normalised cell values (see <see cref="QueryResult"/>) as their compact JSON,
/// so they do not depend on how a driver delivered them. The estimate is close, not exact: string escapes are
/// not counted and floating-point numbers count a fixed width.
/// </remarks>
internal sealed class CappedRows(QueryRequest request)
{
    private const int ArrayBracketsBytes = 2;
    private const int DoubleBytes = 24;
    private const int DecimalBytes = 30;

    private readonly int _maxRows = Math.Max(0, request.MaxRows);
    private long _bytes = ArrayBracketsBytes;

    public List<object?[]> Rows { get; } = new(Math.Min(Math.Max(0, request.MaxRows), 1024));

    public ResultTruncation Truncation { get; private set; }

    /// <summary>
    /// Call when the engine has produced another row, before reading it. False (truncated by rows) when the row
    /// cap is already reached; then stop reading.
    /// </summary>
    public bool HasRoomForAnotherRow()
    {
        if (Rows.Count < _maxRows) return true;
        Truncation = ResultTruncation.Rows;
        return false;
    }

    /// <summary>
    /// Keeps <paramref name="row"/> if it fits the size cap. False (truncated by bytes) when it does not; then stop
    /// reading. Throws <c>result_too_large</c> when it is the first row: there is nothing useful to return.
    /// </summary>
    public bool TryAdd(object?[] row)
    {
        var rowBytes = RowBytes(row);
        if (_bytes + rowBytes > request.MaxResultBytes)
        {
            if (Rows.Count == 0) throw TooLarge(rowBytes);
            Truncation = ResultTruncation.Bytes;
            return false;
        }

        _bytes += rowBytes;
        Rows.Add(row);
        return true;
    }

    /// <summary>A row as a JSON array: brackets, a comma after it, a comma between cells, and the cells.</summary>
    private static long RowBytes(object?[] row)
    {
        long bytes = 3 + row.Length;
        foreach (var cell in row) bytes += CellBytes(cell);
        return bytes;
    }

    private static long CellBytes(object? cell) => cell switch
    {
        null => 4,
        bool b => b ? 4 : 5,
        long l => Digits(l),
        double => DoubleBytes,
        decimal => DecimalBytes,
        string s => Encoding.UTF8.GetByteCount(s) + 2,
        byte[] b => ((b.Length + 2) / 3 * 4) + 2,
        JsonElement e => JsonMarshal.GetRawUtf8Value(e).Length,
        _ => DoubleBytes,
    };

    private static int Digits(long value)
    {
        if (value == long.MinValue) return 20;
        var digits = value < 0 ? 2 : 1;
        for (var rest = Math.Abs(value); rest >= 10; rest /= 10) digits++;
        return digits;
    }

    private DataEnvException TooLarge(long rowBytes) => new(
        ErrorCodes.ResultTooLarge,
        string.Create(CultureInfo.InvariantCulture,
            $"A single row is about {rowBytes} bytes, over the {request.MaxResultBytes}-byte result limit. Select fewer or shorter columns (e.g. substr() / left()), or aggregate."),
        new Dictionary<string, object?> { ["max_result_bytes"] = request.MaxResultBytes, ["row_bytes"] = rowBytes });
}
