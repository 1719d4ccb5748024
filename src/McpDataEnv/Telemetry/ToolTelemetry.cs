using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace McpDataEnv.Telemetry;

/// <summary>
/// Traces and metrics of tool calls: one <see cref="Activity"/> per call on the <c>McpDataEnv</c> source, a call
/// counter and a duration histogram on the <c>McpDataEnv</c> meter. Without a listener (no exporter configured)
/// <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns null and the instruments record nothing.
/// </summary>
/// <remarks>
/// Attributes carry the tool, the principal's id and role, the verdict, the error code and the row count — never
/// arguments, SQL or script text (those are in the audit trail, which has its own access rules).
/// </remarks>
public static class ToolTelemetry
{
    public const string SourceName = "McpDataEnv";
    public const string ToolTag = "mcp.tool.name";
    public const string PrincipalTag = "mcpdataenv.principal";
    public const string RoleTag = "mcpdataenv.role";
    public const string VerdictTag = "mcpdataenv.verdict";
    public const string ErrorCodeTag = "mcpdataenv.error_code";
    public const string RowsTag = "mcpdataenv.rows";
    public const string CallsInstrument = "mcpdataenv.tool.calls";
    public const string DurationInstrument = "mcpdataenv.tool.duration";

    private static readonly ActivitySource Source = new(SourceName, Hosting.ServerVersion.Current);
    private static readonly Meter Meter = new(SourceName, Hosting.ServerVersion.Current);
    private static readonly Counter<long> Calls = Meter.CreateCounter<long>(CallsInstrument, "{call}", "Tool calls, by tool and verdict.");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(DurationInstrument, "ms", "Tool call duration, by tool and verdict.");

    /// <summary>Starts the call's span, or returns null when nobody listens.</summary>
    public static Activity? Start(string tool)
    {
        var activity = Source.StartActivity("tools/call " + tool, ActivityKind.Internal);
        activity?.SetTag(ToolTag, tool);
        return activity;
    }

    /// <summary>Tags and ends the span and records the metric points.</summary>
    public static void Finish(Activity? activity, string tool, string principal, string role, string verdict, string? code, long? rows, TimeSpan elapsed)
    {
        if (activity is not null)
        {
            activity.SetTag(PrincipalTag, principal);
            activity.SetTag(RoleTag, role);
            activity.SetTag(VerdictTag, verdict);
            activity.SetTag(ErrorCodeTag, code);
            activity.SetTag(RowsTag, rows);
            activity.SetStatus(verdict == "error" ? ActivityStatusCode.Error : ActivityStatusCode.Ok);
        }

        // Points are recorded while the tagged span is still current, so a listener can correlate them.
        if (Calls.Enabled || Duration.Enabled)
        {
            var tags = new TagList { { ToolTag, tool }, { VerdictTag, verdict } };
            Calls.Add(1, tags);
            Duration.Record(elapsed.TotalMilliseconds, tags);
        }

        activity?.Dispose();
    }
}
