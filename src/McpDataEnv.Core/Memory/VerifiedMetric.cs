namespace McpDataEnv.Core.Memory;

/// <summary>A metric triangulation verified, with the proof that goes into archival memory.</summary>
/// <param name="Metric">The metric's name, for example <c>net_revenue_2025</c>.</param>
/// <param name="SqlValue">The value the SQL path computed.</param>
/// <param name="ScriptValue">The value the independent script path computed.</param>
/// <param name="Sql">The SQL that produced <paramref name="SqlValue"/>.</param>
/// <param name="Script">The script source; only its SHA-256 is stored.</param>
/// <param name="Tags">Extra tags; <c>verified</c> and <c>metric:&lt;name&gt;</c> are always added.</param>
public sealed record VerifiedMetric(string Metric, decimal SqlValue, decimal ScriptValue, string Sql, string Script, IReadOnlyList<string>? Tags = null);
