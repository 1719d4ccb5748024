namespace McpDataEnv.Core.Metrics;

/// <summary>
/// |a − b| / max(|a|, |b|): symmetric, in [0, 1] for same-sign values, up to 2 for opposite signs.
/// Both zero → 0 (they agree); exactly one zero → 1 (total disagreement, whatever the other's size).
/// Computed in <see cref="decimal"/> when both values are exact, else in <see cref="double"/>.
/// </summary>
public static class RelativeDeviation
{
    public static double Between(TriangulationValue a, TriangulationValue b)
    {
        if (a.Exact is { } x && b.Exact is { } y)
        {
            if (x == 0 && y == 0) return 0;
            if (x == 0 || y == 0) return 1;
            return (double)(Math.Abs(x - y) / Math.Max(Math.Abs(x), Math.Abs(y)));
        }
        if (a.Number == 0 && b.Number == 0) return 0;
        if (a.Number == 0 || b.Number == 0) return 1;
        return Math.Abs(a.Number - b.Number) / Math.Max(Math.Abs(a.Number), Math.Abs(b.Number));
    }
}
