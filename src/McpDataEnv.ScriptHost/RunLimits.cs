using System.Text.Json;

namespace McpDataEnv.ScriptHost;

/// <summary>Per-run limits sent by the parent in a <c>run</c> message (all enforced again by the parent).</summary>
internal sealed record RunLimits(
    int TimeoutMs,
    int MaxStatements,
    int MaxRecursion,
    long AllocationBudgetBytes,
    int MaxOutputBytes,
    int MaxLogLines,
    int MaxLogBytes,
    int MaxSqlCalls,
    int MaxArrayLength,
    int MaxJsonDepth)
{
    public static RunLimits Defaults { get; } = new(5_000, 50_000_000, 1_000, 1L << 30, 1 << 20, 200, 64 * 1024, 100, 1_000_000, 256);

    public static RunLimits From(JsonElement? json)
    {
        var d = Defaults;
        if (json is not { ValueKind: JsonValueKind.Object } e) return d;
        return new RunLimits(
            Int(e, "timeout_ms", d.TimeoutMs, 10, 600_000),
            Int(e, "max_statements", d.MaxStatements, 1_000, int.MaxValue),
            Int(e, "max_recursion", d.MaxRecursion, 16, 100_000),
            Int(e, "allocation_budget_mb", (int)(d.AllocationBudgetBytes >> 20), 16, 64 * 1024) * (1L << 20),
            Int(e, "max_output_bytes", d.MaxOutputBytes, 64, 64 << 20),
            Int(e, "max_log_lines", d.MaxLogLines, 0, 100_000),
            Int(e, "max_log_bytes", d.MaxLogBytes, 0, 16 << 20),
            Int(e, "max_sql_calls", d.MaxSqlCalls, 0, 100_000),
            Int(e, "max_array_length", d.MaxArrayLength, 1_000, 100_000_000),
            Int(e, "max_json_depth", d.MaxJsonDepth, 8, 10_000));
    }

    private static int Int(JsonElement e, string name, int fallback, int min, int max) =>
        e.TryGetProperty(name, out var v) && v.TryGetInt32(out var i) ? Math.Clamp(i, min, max) : fallback;
}
