using System.Text.RegularExpressions;
using McpDataEnv.Core.Environments.Yaml;

namespace McpDataEnv.Core.Metrics;

/// <summary>Validates the front matter of <c>business_rules.md</c>: <c>metrics: { name: { description, unit, tolerance, sql } }</c>.</summary>
internal static partial class BusinessRulesParser
{
    public static BusinessRules Parse(YamlSection root, string prose, string rawText)
    {
        root.AllowOnly("metrics");
        var metrics = new Dictionary<string, MetricDefinition>(StringComparer.OrdinalIgnoreCase);
        var section = root.Section("metrics");
        foreach (var (name, value) in section?.Entries() ?? [])
        {
            if (!MetricName().IsMatch(name))
            {
                section!.Error(name, "metric names are lowercase identifiers (letters, digits, '_')");
            }

            if (section!.SectionOf(name, value) is { } metric && Parse(name, metric) is { } definition)
            {
                metrics[name] = definition;
            }
        }

        return new BusinessRules(metrics, prose, rawText);
    }

    private static MetricDefinition? Parse(string name, YamlSection metric)
    {
        metric.AllowOnly("description", "unit", "tolerance", "sql");
        var description = metric.String("description", required: true);
        var sql = metric.String("sql", required: true);
        var tolerance = metric.Double("tolerance", "a number between 0 and 1 (exclusive), e.g. 0.01");
        if (tolerance is <= 0 or >= 1 or double.NaN)
        {
            metric.Sentence("tolerance", "must be a number between 0 and 1 (exclusive), e.g. 0.01");
            tolerance = null;
        }

        return description is null || sql is null
            ? null
            : new MetricDefinition(name, description, metric.String("unit"), sql.Trim(), tolerance);
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex MetricName();
}
