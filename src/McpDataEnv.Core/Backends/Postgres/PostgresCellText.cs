using System.Globalization;
using System.Text.Json;

namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>
/// Converts PostgreSQL's text output of one cell into the JSON-ready value <see cref="QueryResult"/> promises.
/// The session pins <c>DateStyle=ISO</c>, <c>IntervalStyle=iso_8601</c>, <c>TimeZone=UTC</c> and
/// <c>extra_float_digits=3</c>, so the text is exact and stable; reading text (not binary) keeps
/// <c>numeric</c> exact at any precision.
/// </summary>
internal static partial class PostgresCellText
{
    private const int MaxDecimalDigits = 28;

    /// <summary>The type name without modifiers: <c>numeric(12,2)</c> → <c>numeric</c>.</summary>
    public static string BaseType(string type) => TypeModifier().Replace(type, "");

    /// <param name="type">The column's base type (as <see cref="BaseType"/> gives it; result columns already carry it).</param>
    public static object Convert(string type, string text) => type switch
    {
        "smallint" or "integer" or "bigint" or "oid" => long.Parse(text, CultureInfo.InvariantCulture),
        "real" or "double precision" => ToDouble(text),
        "numeric" => ToExactNumber(text),
        "boolean" => text == "t",
        "timestamp without time zone" => text.Replace(' ', 'T'),
        "timestamp with time zone" => ToIsoWithOffset(text),
        "json" or "jsonb" => ParseJson(text),
        _ => text,
    };

    private static object ToDouble(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
            ? d
            : text; // NaN / Infinity have no JSON number form

    private static object ToExactNumber(string text)
    {
        var digits = text.Count(char.IsAsciiDigit);
        var trimmed = text.TrimStart('-').TrimStart('0', '.');
        var significant = trimmed.Count(char.IsAsciiDigit);
        if (digits > 0 && significant <= MaxDecimalDigits
            && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            && value.ToString(CultureInfo.InvariantCulture) == text)
        {
            return value;
        }
        return text;
    }

    private static string ToIsoWithOffset(string text)
    {
        var iso = text.Replace(' ', 'T');
        if (iso.EndsWith("+00", StringComparison.Ordinal)) return iso[..^3] + "Z";
        var sign = Math.Max(iso.LastIndexOf('+'), iso.LastIndexOf('-'));
        return sign > 10 && iso.Length - sign == 3 ? iso + ":00" : iso;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\(\s*\d+(\s*,\s*\d+)?\s*\)")]
    private static partial System.Text.RegularExpressions.Regex TypeModifier();

    private static JsonElement ParseJson(string text)
    {
        using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 256 });
        return doc.RootElement.Clone();
    }
}
