namespace McpDataEnv.Core.Governance.Requests;

/// <summary>The pre-flight verdict: violations, the rules and metric definitions that apply, and a plan when allowed.</summary>
/// <remarks>Reaches the model; kept compact for its token budget.</remarks>
public sealed record RequestCheckResult(
    bool Allowed,
    IReadOnlyList<RuleNote> Violations,
    IReadOnlyList<RuleNote> ApplicableRules,
    IReadOnlyList<MetricNote> MetricDefinitions,
    string? PlanId,
    DateTimeOffset? PlanExpiresAt);

/// <param name="Rule">Stable rule id, e.g. <c>analyst.deny_columns</c>.</param>
public sealed record RuleNote(string Rule, string Message);

/// <summary>A canonical metric definition from business_rules.md.</summary>
public sealed record MetricNote(string Name, string Description, string? Unit, string Sql, double? Tolerance);
