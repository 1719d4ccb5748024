using System.Text.Json.Serialization;

namespace McpDataEnv.Core.Metrics;

/// <summary>The full record the tool returns, on success and (in the exception's Details) on failure.</summary>
/// <param name="RelativeDeviation">Largest pairwise deviation over all paths (see <see cref="Metrics.RelativeDeviation"/>).</param>
/// <param name="CanonicalValue">Value of the metric's canonical SQL from business rules, when it has one.</param>
public sealed record TriangulationResult(
    [property: JsonPropertyName("metric")] string Metric,
    [property: JsonPropertyName("sql_value")] double SqlValue,
    [property: JsonPropertyName("script_value")] double ScriptValue,
    [property: JsonPropertyName("relative_deviation")] double RelativeDeviation,
    [property: JsonPropertyName("tolerance")] double Tolerance,
    [property: JsonPropertyName("verified")] bool Verified,
    [property: JsonPropertyName("canonical_value"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? CanonicalValue,
    [property: JsonPropertyName("elapsed_ms")] double ElapsedMs)
{
    public IReadOnlyDictionary<string, object?> ToDetails() => new Dictionary<string, object?>
    {
        ["metric"] = Metric, ["sql_value"] = SqlValue, ["script_value"] = ScriptValue,
        ["relative_deviation"] = RelativeDeviation, ["tolerance"] = Tolerance, ["verified"] = Verified,
        ["canonical_value"] = CanonicalValue, ["elapsed_ms"] = ElapsedMs,
    };
}
