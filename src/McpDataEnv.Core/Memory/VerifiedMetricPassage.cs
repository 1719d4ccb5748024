using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace McpDataEnv.Core.Memory;

/// <summary>Renders a <see cref="VerifiedMetric"/> as passage text and tags (both searchable).</summary>
internal static class VerifiedMetricPassage
{
    public const string VerifiedTag = "verified";

    public static string Content(VerifiedMetric metric)
    {
        var text = new StringBuilder();
        text.Append("Verified metric ").Append(metric.Metric).Append(": ").Append(Format(metric.SqlValue)).Append('\n');
        text.Append("sql_value: ").Append(Format(metric.SqlValue)).Append('\n');
        text.Append("script_value: ").Append(Format(metric.ScriptValue)).Append('\n');
        text.Append("script_sha256: ").Append(Sha256(metric.Script)).Append('\n');
        text.Append("sql: ").Append(metric.Sql.Trim());
        return text.ToString();
    }

    public static IReadOnlyList<string> Tags(VerifiedMetric metric) =>
        [VerifiedTag, MetricTag(metric.Metric), .. metric.Tags ?? []];

    /// <summary><c>metric:&lt;name&gt;</c> with the name folded into tag syntax, so any metric name makes a valid tag.</summary>
    public static string MetricTag(string metric)
    {
        var name = new string(metric.Trim().ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' ? c : '_').ToArray());
        name = name.Length == 0 ? "unnamed" : name;
        return ("metric:" + name)[..Math.Min(48, 7 + name.Length)];
    }

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
