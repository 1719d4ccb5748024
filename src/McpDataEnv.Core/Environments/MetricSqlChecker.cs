using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Governance;
using McpDataEnv.Core.Metrics;
using McpDataEnv.Core.Sql;

namespace McpDataEnv.Core.Environments;

/// <summary>
/// Runs every metric's canonical SQL from <c>business_rules.md</c> against the live database, on the same
/// read-only path as every tool (the gate, then the engine's read-only checks and limits), and reports each
/// metric whose SQL is refused, fails, or does not return one row with one numeric column.
/// </summary>
public static class MetricSqlChecker
{
    // Two rows, so that "more than one row" is seen rather than cut to one (as triangulate_metric does).
    private const int RowCap = 2;

    /// <param name="rulesFile">The rules file as the environment names it (<see cref="EnvironmentFiles.BusinessRules"/>), for the errors.</param>
    /// <exception cref="DataEnvException">
    /// Code <c>database_unavailable</c> when the database cannot be reached: one fact about the database, not a
    /// fault of any metric, so the caller reports it once.
    /// </exception>
    public static async Task<IReadOnlyList<ConfigError>> CheckAsync(BusinessRules rules, string rulesFile, ReadOnlyQueryService queries, CancellationToken cancellationToken)
    {
        var errors = new List<ConfigError>();
        foreach (var metric in rules.Metrics.Values.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            // One at a time: the metrics are few, and the database may be shared with everything else.
            var problem = await ProblemOfAsync(metric, queries, cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                var key = $"metrics.{metric.Name}.sql";
                errors.Add(new ConfigError(rulesFile, key, $"{key}: {problem}"));
            }
        }

        return errors;
    }

    private static async Task<string?> ProblemOfAsync(MetricDefinition metric, ReadOnlyQueryService queries, CancellationToken cancellationToken)
    {
        try
        {
            // Unrestricted: the check asks whether the definition works, not what some role may read of it
            // (on PostgreSQL the engine still runs it as the reader role, under row-level security).
            var result = await queries.RunAsync(metric.Sql, Math.Min(RowCap, queries.Limits.MaxRows), UnrestrictedAccess.Instance, roleMaxRows: null, cancellationToken)
                .ConfigureAwait(false);
            return ShapeProblem(result.Rows, result.Columns.Count);
        }
        catch (DataEnvException refusal) when (refusal.Code != ErrorCodes.DatabaseUnavailable)
        {
            return refusal.Message;
        }
    }

    private static string? ShapeProblem(IReadOnlyList<object?[]> rows, int columns)
    {
        const string Expected = "a metric's SQL must return exactly one row with one numeric column";
        if (columns != 1)
        {
            return $"returns {columns} columns; {Expected}";
        }

        if (rows.Count != 1)
        {
            return $"returns {(rows.Count == 0 ? "no rows" : "more than one row")}; {Expected}";
        }

        // NULL is what an aggregate over no rows gives (an empty table, or rows row-level security hides from
        // the checker): a property of the data, not of the definition.
        var cell = rows[0][0];
        if (cell is null)
        {
            return null;
        }

        try
        {
            TriangulationValue.FromCell(cell, "metric");
            return null;
        }
        catch (DataEnvException)
        {
            var shown = cell is string text ? $"the text \"{(text.Length > 40 ? text[..40] + "…" : text)}\"" : $"a {cell.GetType().Name} value";
            return $"returns {shown}, not a number; {Expected}";
        }
    }
}
