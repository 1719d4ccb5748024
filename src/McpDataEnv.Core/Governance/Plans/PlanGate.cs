using McpDataEnv.Core.Backends;
using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Errors;

namespace McpDataEnv.Core.Governance.Plans;

/// <summary>
/// The seam every execution tool (run_readonly_sql, run_script, triangulate_metric) goes through when
/// <c>governance.require_plan</c> is on: <see cref="Admit"/> before running, <see cref="EnsureCovers"/> on
/// what the engine reports the statement read, before any row is returned. <see cref="ScopeFor"/> does both at once:
/// the engine asks the plan-narrowed scope about every read during prepare.
/// </summary>
public sealed class PlanGate(GovernanceSettings settings, PlanTokens tokens, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public bool Required => settings.RequirePlan;

    public TimeSpan Ttl => TimeSpan.FromSeconds(settings.PlanTtlSeconds);

    /// <summary>Signs a plan for <paramref name="scope"/> that expires after the environment's TTL.</summary>
    public string Issue(IAccessScope scope, IEnumerable<string> tables, IEnumerable<string> columns) =>
        tokens.Issue(new Plan(scope.Principal, scope.Role, [.. tables.Distinct(StringComparer.OrdinalIgnoreCase)], [.. columns.Distinct(StringComparer.OrdinalIgnoreCase)], _clock.GetUtcNow() + Ttl));

    /// <summary>Null when plans are not required; else the valid plan, or a <see cref="ErrorCodes.PlanRequired"/> error.</summary>
    public Plan? Admit(string? planId, IAccessScope scope)
    {
        if (!Required)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(planId))
        {
            throw Refuse("This environment requires a plan: call check_request with the tables and columns you need, then pass its plan_id.", "missing");
        }

        var plan = tokens.Read(planId.Trim()) ?? throw Refuse("plan_id is not a plan this server issued. Call check_request again and pass the plan_id it returns unchanged.", "invalid");
        if (!plan.Principal.Equals(scope.Principal, StringComparison.Ordinal) || !plan.Role.Equals(scope.Role, StringComparison.OrdinalIgnoreCase))
        {
            throw Refuse("plan_id was issued to another caller. Call check_request yourself.", "other_caller");
        }

        return plan.ExpiresAt > _clock.GetUtcNow() ? plan : throw Refuse("plan_id has expired. Call check_request again for a fresh plan.", "expired");
    }

    /// <summary>
    /// The access scope an execution tool must use: <paramref name="access"/> itself when plans are not
    /// required, else that scope narrowed to the admitted plan (<see cref="PlannedAccessScope"/>).
    /// </summary>
    public IAccessScope ScopeFor(string? planId, IAccessScope access) =>
        Admit(planId, access) is { } plan ? new PlannedAccessScope(access, plan) : access;

    /// <summary>Refuses when the engine reports a read the plan does not declare.</summary>
    public static void EnsureCovers(Plan? plan, IEnumerable<ColumnRead> reads)
    {
        if (plan is null)
        {
            return;
        }

        var outside = reads.Where(r => !plan.Covers(r.Table, r.Column)).Select(r => r.Column.Length > 0 ? $"{r.Table}.{r.Column}" : r.Table).Distinct().Order(StringComparer.Ordinal).ToList();
        if (outside.Count > 0)
        {
            throw Refuse($"The query reads {string.Join(", ", outside)}, outside the plan (tables: {string.Join(", ", plan.Tables)}; columns: {string.Join(", ", plan.Columns)}). Call check_request declaring them, or query only what the plan covers.", "outside_plan", outside);
        }
    }

    private static DataEnvException Refuse(string message, string reason, IReadOnlyList<string>? reads = null) => new(
        ErrorCodes.PlanRequired,
        message,
        new Dictionary<string, object?> { ["rule"] = $"governance.require_plan.{reason}", ["reads"] = reads });
}
