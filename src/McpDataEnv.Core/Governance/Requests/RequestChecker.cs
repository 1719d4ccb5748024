using McpDataEnv.Core.Backends;
using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Governance.Plans;
using McpDataEnv.Core.Metrics;

namespace McpDataEnv.Core.Governance.Requests;

/// <summary>
/// The core of <c>check_request</c>: puts every declared table and column to the caller's access scope,
/// resolves declared (or mentioned) metrics to their canonical definitions, lists the role's rules, and
/// signs a plan for exactly the declared scope when nothing is refused.
/// </summary>
/// <remarks>A plan never grants anything: the engine still enforces the policy on every statement.</remarks>
public sealed class RequestChecker(EnvironmentDefinition environment, PlanGate plans)
{
    public RequestCheckResult Check(RequestCheckInput input, IAccessScope scope, RoleDefinition role, LiveSchema? schema)
    {
        var violations = new List<RuleNote>();
        var tables = new List<string>();
        var columns = new List<string>();
        foreach (var table in input.Tables.Select(t => t.Trim()).Where(t => t.Length > 0))
        {
            if (Unknown(schema, table, null) is { } unknown)
            {
                violations.Add(unknown);
            }
            else if (scope.CheckRead(table, string.Empty) is { } denial)
            {
                violations.Add(new RuleNote(denial.Rule, denial.Message));
            }
            else
            {
                tables.Add(table);
            }
        }

        foreach (var name in input.Columns.Select(c => c.Trim()).Where(c => c.Length > 0))
        {
            var dot = name.IndexOf('.');
            if (dot <= 0 || dot == name.Length - 1)
            {
                violations.Add(new RuleNote("request.column_format", $"'{name}' is not table.column (e.g. orders.status)."));
                continue;
            }

            var (table, column) = (name[..dot], name[(dot + 1)..]);
            var problem = Unknown(schema, table, column) ?? (scope.CheckRead(table, column) is { } d ? new RuleNote(d.Rule, d.Message) : null);
            if (problem is null)
            {
                columns.Add(name);
            }
            else
            {
                violations.Add(problem);
            }
        }

        var metrics = MetricsFor(input, violations);
        tables.AddRange(metrics.SelectMany(m => MetricTables.Of(m.Sql)).Where(t => scope.CheckRead(t, string.Empty) is null));
        var allowed = violations.Count == 0;
        string? planId = null;
        DateTimeOffset? expires = null;
        if (allowed && (tables.Count > 0 || columns.Count > 0))
        {
            planId = plans.Issue(scope, tables, columns);
            expires = DateTimeOffset.UtcNow + plans.Ttl;
        }

        return new RequestCheckResult(allowed, violations, RoleRules.Of(role, plans.Required), metrics, planId, expires);
    }

    private List<MetricNote> MetricsFor(RequestCheckInput input, List<RuleNote> violations)
    {
        var names = new List<string>();
        foreach (var name in input.Metrics.Select(m => m.Trim()).Where(m => m.Length > 0))
        {
            if (environment.Rules.FindMetric(name) is null)
            {
                violations.Add(new RuleNote("request.unknown_metric", $"No metric '{name}' in business_rules.md. Known: {string.Join(", ", environment.Rules.Metrics.Keys)}."));
            }
            else
            {
                names.Add(name);
            }
        }

        // Metrics the question names in words ("average basket size") apply too, even if not declared.
        names.AddRange(environment.Rules.Metrics.Keys.Where(k => input.Question.Contains(k.Replace('_', ' '), StringComparison.OrdinalIgnoreCase)));
        return names.Distinct(StringComparer.OrdinalIgnoreCase).Select(n => environment.Rules.FindMetric(n)!).Select(Note).ToList();
    }

    private static MetricNote Note(MetricDefinition m) => new(m.Name, m.Description, m.Unit, m.Sql.Trim(), m.Tolerance);

    private static RuleNote? Unknown(LiveSchema? schema, string table, string? column)
    {
        if (schema is null)
        {
            return null;
        }

        var live = schema.Tables.FirstOrDefault(t => t.Name.Equals(table, StringComparison.OrdinalIgnoreCase));
        return live is null ? new RuleNote("request.unknown_table", $"There is no table '{table}'. Call describe_schema for the tables you may read.")
            : column is not null && !live.Columns.Any(c => c.Name.Equals(column, StringComparison.OrdinalIgnoreCase))
                ? new RuleNote("request.unknown_column", $"Table {table} has no column '{column}'. Call describe_schema for its columns.")
                : null;
    }
}
