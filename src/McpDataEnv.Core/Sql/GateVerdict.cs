namespace McpDataEnv.Core.Sql;

/// <summary>The read-only gate's answer for one SQL text.</summary>
/// <param name="IsAllowed">True when the text is exactly one read-only query.</param>
/// <param name="Reason">Stable reason id when refused (see <see cref="GateReasons"/>), else null.</param>
/// <param name="Message">Actionable explanation for the model when refused, else null.</param>
public sealed record GateVerdict(bool IsAllowed, string? Reason, string? Message)
{
    public static GateVerdict Allowed { get; } = new(true, null, null);

    public static GateVerdict Refused(string reason, string message) => new(false, reason, message);
}
