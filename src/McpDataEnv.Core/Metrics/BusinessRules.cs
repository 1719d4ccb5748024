namespace McpDataEnv.Core.Metrics;

/// <summary>The machine-readable part of <c>business_rules.md</c> plus its prose.</summary>
public sealed record BusinessRules(IReadOnlyDictionary<string, MetricDefinition> Metrics, string Prose, string RawText)
{
    public MetricDefinition? FindMetric(string name) => Metrics.TryGetValue(name, out var m) ? m : null;
}

/// <param name="Sql">Canonical SQL returning one row with one numeric column (dialect-neutral where possible).</param>
/// <param name="Tolerance">Relative tolerance for triangulation, or null for the default 0.01.</param>
public sealed record MetricDefinition(string Name, string Description, string? Unit, string Sql, double? Tolerance);
