using System.ComponentModel;
using System.Globalization;
using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Governance;
using McpDataEnv.Core.Memory;
using McpDataEnv.Core.Metrics;
using McpDataEnv.Core.Scripting;
using McpDataEnv.Hosting;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpDataEnv.Tools;

/// <summary>MCP adapter for triangulation: a metric computed two (or three) independent ways must agree.</summary>
[McpServerToolType]
public sealed class TriangulateMetricTool
{
    public const string Name = KnownTools.TriangulateMetric;

    // Not read-only: with remember=true a verified value is archived in memory (never in the analytics database).
    [McpServerTool(Name = Name, Title = "Verify a metric two independent ways", ReadOnly = false, Idempotent = false, Destructive = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TriangulationResult))]
    [Description("Verifies a number before you report it: path A is your SQL (one row, one numeric column); path B is your ES5 script that fetches raw rows with sql() and computes the number as its last expression. " +
        "If the metric is defined in business_rules.md its canonical SQL is a third path. All must agree within the tolerance (default 0.01 = 1%) or the tool refuses: then do not report the number; find the cause.")]
    public static Task<CallToolResult> TriangulateAsync(
        ToolRunner runner,
        [Description("Metric name; a name from business_rules.md (e.g. revenue) adds its canonical SQL as a third path.")] string metric,
        [Description("Path A: SQL returning exactly one row with one numeric column.")] string sql,
        [Description("Path B: ES5 script computing the same number from raw rows fetched with sql(); its last expression is the number.")] string script,
        [Description("Relative tolerance in (0, 1); default from business rules or 0.01.")] double? tolerance = null,
        [Description("The plan_id from check_request; required when the environment requires plans.")] string? plan_id = null,
        [Description("When true and verified, archive the value with its proof (both values, the SQL, the script's hash) in memory, tagged 'verified'.")] bool remember = false,
        RequestContext<CallToolRequestParams>? context = null,
        CancellationToken cancellationToken = default) =>
        runner.RunAsync(Name, context, async caller =>
        {
            var runtime = runner.Runtime;
            var access = runtime.Plans.ScopeFor(plan_id, caller.Access);
            var definition = runtime.Environment.Rules.FindMetric(metric ?? string.Empty);
            var request = new ScriptRunRequest(script ?? string.Empty, null, runtime.Environment.Scripts);
            try
            {
                var result = await runtime.Triangulation.VerifyAsync(
                    metric ?? string.Empty,
                    SqlPath(runtime, access, "sql", sql),
                    TriangulationPaths.Script(runtime.RequireSandbox(), request, runtime.SqlBridgeFor(access)),
                    definition is null ? null : SqlPath(runtime, access, "canonical", definition.Sql),
                    definition,
                    tolerance,
                    cancellationToken).ConfigureAwait(false);
                var text = Render(result);
                if (remember)
                {
                    text += await RememberAsync(runtime, caller, result, sql ?? string.Empty, script ?? string.Empty, context, cancellationToken).ConfigureAwait(false);
                }

                return ToolOutcome.Success(result, text);
            }
            catch (DataEnvException refusal) when (refusal.Code == ErrorCodes.TriangulationFailed)
            {
                // The refusal carries every value so the model can see the disagreement; Details match the output schema.
                return ToolOutcome.Refusal(refusal, refusal.Details);
            }
        }, cancellationToken);

    private static TriangulationPath SqlPath(EnvironmentRuntime runtime, IAccessScope access, string name, string? text) =>
        // Two rows are fetched so that "more than one row" is detected, not silently cut to one.
        TriangulationPaths.Sql(name, ct => runtime.Queries.RunAsync(text, 2, access, roleMaxRows: null, ct));

    /// <summary>Archives the verified value; a memory refusal (rate limit, content rule) is reported, not fatal: the figure stays verified.</summary>
    private static async Task<string> RememberAsync(
        EnvironmentRuntime runtime, CallerContext caller, TriangulationResult result, string sql, string script, RequestContext<CallToolRequestParams>? context, CancellationToken cancellationToken)
    {
        try
        {
            var metric = new VerifiedMetric(result.Metric, (decimal)result.SqlValue, (decimal)result.ScriptValue, sql, script);
            var archived = await runtime.Memory.ArchiveVerifiedMetricAsync(
                caller.MemoryScope(runtime), metric, MemoryToolProvenance.For(Name, context), cancellationToken).ConfigureAwait(false);
            return $" Archived in memory as {archived.Id} (tag verified).";
        }
        catch (DataEnvException refusal)
        {
            return $" Not archived in memory: {refusal.Message}";
        }
        catch (OverflowException)
        {
            return " Not archived in memory: the value is outside the exact decimal range memory stores.";
        }
    }

    private static string Render(TriangulationResult r)
    {
        var canonical = r.CanonicalValue is { } c ? string.Create(CultureInfo.InvariantCulture, $", canonical {c}") : string.Empty;
        return string.Create(CultureInfo.InvariantCulture,
            $"VERIFIED {r.Metric} = {r.SqlValue} (script {r.ScriptValue}{canonical}; relative deviation {r.RelativeDeviation:0.######} <= tolerance {r.Tolerance}; {r.ElapsedMs:0.#} ms).");
    }
}
