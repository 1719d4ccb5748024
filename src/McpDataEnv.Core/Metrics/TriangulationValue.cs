using System.Globalization;
using System.Text.Json;
using McpDataEnv.Core.Errors;

namespace McpDataEnv.Core.Metrics;

/// <summary>A path's numeric value, kept exact (<see cref="decimal"/>) when the source was exact.</summary>
public readonly record struct TriangulationValue(double Number, decimal? Exact)
{
    public static TriangulationValue FromDouble(double value) => new(value, null);

    public static TriangulationValue FromDecimal(decimal value) => new((double)value, value);

    /// <summary>
    /// Reads a SQL result that must be exactly one row with one numeric column. Cells may be JSON numbers or
    /// numeric strings (decimals are serialised as strings).
    /// </summary>
    public static TriangulationValue FromSingleCell(IReadOnlyList<IReadOnlyList<object?>> rows, string pathName)
    {
        if (rows.Count != 1 || rows[0].Count != 1)
            throw new DataEnvException(ErrorCodes.InvalidArgument,
                $"The {pathName} query must return exactly one row with one numeric column; it returned {rows.Count} row(s) with {(rows.Count > 0 ? rows[0].Count : 0)} column(s). Aggregate to a single value, e.g. SELECT SUM(amount) AS total FROM ...");
        return FromCell(rows[0][0], pathName);
    }

    /// <summary>Reads one cell (a CLR number, a numeric string or a <see cref="JsonElement"/>) as a finite number.</summary>
    public static TriangulationValue FromCell(object? cell, string pathName) => cell switch
    {
        decimal d => FromDecimal(d),
        long or int or short or byte => FromDecimal(Convert.ToDecimal(cell, CultureInfo.InvariantCulture)),
        double or float => Finite(Convert.ToDouble(cell, CultureInfo.InvariantCulture), pathName),
        string s when decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => FromDecimal(d),
        JsonElement { ValueKind: JsonValueKind.Number } e => e.TryGetDecimal(out var d) ? FromDecimal(d) : Finite(e.GetDouble(), pathName),
        JsonElement { ValueKind: JsonValueKind.String } e => FromCell(e.GetString(), pathName),
        _ => throw new DataEnvException(ErrorCodes.InvalidArgument,
            $"The {pathName} value must be a finite number, not {Describe(cell)}. Return the metric itself (COALESCE NULL to 0 if that is what it means)."),
    };

    private static TriangulationValue Finite(double value, string pathName) =>
        double.IsFinite(value) ? FromDouble(value)
            : throw new DataEnvException(ErrorCodes.InvalidArgument, $"The {pathName} value is {value}, not a finite number. Check for a division by zero.");

    private static string Describe(object? cell) => cell switch
    {
        null => "null",
        JsonElement e => e.ValueKind.ToString().ToLowerInvariant(),
        string s => $"the text \"{(s.Length > 40 ? s[..40] + "…" : s)}\"",
        _ => cell.GetType().Name,
    };
}
