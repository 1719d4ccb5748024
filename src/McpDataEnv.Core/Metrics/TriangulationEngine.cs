using System.Diagnostics;
using System.Globalization;
using McpDataEnv.Core.Errors;

namespace McpDataEnv.Core.Metrics;

/// <summary>
/// Verifies a metric by computing it independently in SQL and in a script (and, when business rules define it,
/// with the canonical SQL), concurrently, and refusing when they disagree beyond the tolerance.
/// </summary>
public sealed class TriangulationEngine
{
    public const double DefaultTolerance = 0.01;

    public const int MaxMetricNameChars = 200;

    /// <summary>Runs all paths; returns the record when verified, else throws <c>triangulation_failed</c> with the record in Details.</summary>
    /// <param name="tolerance">Caller override in (0, 1); null → the metric's tolerance → <see cref="DefaultTolerance"/>.</param>
    public async Task<TriangulationResult> VerifyAsync(string metric, TriangulationPath sql, TriangulationPath script,
        TriangulationPath? canonical, MetricDefinition? definition, double? tolerance, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(metric))
            throw new DataEnvException(ErrorCodes.InvalidArgument, "metric is required: name the figure being verified, e.g. net_revenue_2024.");
        // The name is echoed in the answer (text and structured, and in memory with remember): a name of megabytes
        // would come back twice, past what MCP clients read in one message (10 MB for the TypeScript SDK).
        if (metric.Length > MaxMetricNameChars)
            throw new DataEnvException(ErrorCodes.InvalidArgument,
                $"metric is the figure's name, at most {MaxMetricNameChars} characters (e.g. net_revenue_2024); got {metric.Length}. Its definition goes in sql and script.",
                new Dictionary<string, object?> { ["argument"] = "metric", ["limit"] = MaxMetricNameChars });
        var effectiveTolerance = ResolveTolerance(tolerance, definition);
        var clock = Stopwatch.StartNew();
        var paths = canonical is null ? new[] { sql, script } : new[] { sql, script, canonical };
        var values = await Task.WhenAll(paths.Select(p => p.Compute(ct)));

        var deviation = 0.0;
        for (var i = 0; i < values.Length; i++)
            for (var j = i + 1; j < values.Length; j++)
                deviation = Math.Max(deviation, RelativeDeviation.Between(values[i], values[j]));

        var result = new TriangulationResult(metric, values[0].Number, values[1].Number, deviation, effectiveTolerance,
            deviation <= effectiveTolerance, canonical is null ? null : values[2].Number, clock.Elapsed.TotalMilliseconds);
        if (!result.Verified) throw Disagreement(result);
        return result;
    }

    private static double ResolveTolerance(double? requested, MetricDefinition? definition)
    {
        if (requested is { } t && (!double.IsFinite(t) || t <= 0 || t >= 1))
            throw new DataEnvException(
                ErrorCodes.InvalidArgument,
                $"tolerance must be between 0 and 1 exclusive (0.01 = 1%); got {t.ToString(CultureInfo.InvariantCulture)}.",
                // Not the value itself: NaN and infinities have no JSON form, and the message already shows it.
                new Dictionary<string, object?> { ["argument"] = "tolerance", ["exclusive_minimum"] = 0, ["exclusive_maximum"] = 1 });
        return requested ?? definition?.Tolerance ?? DefaultTolerance;
    }

    private static DataEnvException Disagreement(TriangulationResult r)
    {
        var inv = CultureInfo.InvariantCulture;
        var canonical = r.CanonicalValue is { } c ? string.Create(inv, $", canonical = {c}") : "";
        return new DataEnvException(ErrorCodes.TriangulationFailed,
            string.Create(inv, $"Metric '{r.Metric}' is not verified: SQL = {r.SqlValue}, script = {r.ScriptValue}{canonical}, relative deviation {r.RelativeDeviation:0.####} > tolerance {r.Tolerance}. ") +
            "Do not report this figure. Usual causes: join fan-out (rows duplicated by a one-to-many join), filters that differ between the paths (dates, status), NULL handling, cancelled or refunded orders counted in one path, a discount applied twice, order lines double-counted.",
            r.ToDetails());
    }
}
