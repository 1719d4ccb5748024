using System.Text.Json;
using System.Text.Json.Nodes;

namespace McpDataEnv.Tests.Support;

/// <summary>
/// Compares two result row sets the way the backends promise to agree: integers and text identical,
/// other numbers (money, averages, ratios) within 1e-9 relative, nulls null.
/// </summary>
public static class ResultParity
{
    public const double Tolerance = 1e-9;

    /// <summary>The first difference, or null when the rows agree.</summary>
    public static string? FirstDifference(JsonArray expected, JsonArray actual)
    {
        if (expected.Count != actual.Count) return $"{expected.Count} rows vs {actual.Count} rows";
        for (var r = 0; r < expected.Count; r++)
        {
            var a = expected[r]!.AsArray();
            var b = actual[r]!.AsArray();
            if (a.Count != b.Count) return $"row {r}: {a.Count} columns vs {b.Count}";
            for (var c = 0; c < a.Count; c++)
            {
                if (!CellsAgree(a[c], b[c])) return $"row {r}, column {c}: {a[c]?.ToJsonString() ?? "null"} vs {b[c]?.ToJsonString() ?? "null"}";
            }
        }
        return null;
    }

    public static bool CellsAgree(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null) return a is null && b is null;
        var kindA = a.GetValueKind();
        var kindB = b.GetValueKind();
        if (kindA == JsonValueKind.Number && kindB == JsonValueKind.Number)
        {
            if (IsInteger(a) && IsInteger(b)) return a.ToJsonString() == b.ToJsonString();
            var x = a.GetValue<double>();
            var y = b.GetValue<double>();
            return Math.Abs(x - y) <= Tolerance * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y)));
        }
        return kindA == kindB && a.ToJsonString() == b.ToJsonString();
    }

    private static bool IsInteger(JsonNode number) => !number.ToJsonString().AsSpan().ContainsAny(".eE");
}
