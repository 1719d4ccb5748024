namespace McpDataEnv.ScriptHost;

/// <summary>A run that ended in an error the parent reports to the model (code from the server's ErrorCodes).</summary>
internal sealed class ScriptFailure : Exception
{
    public ScriptFailure(string code, string message, int? line = null, string? limit = null, long? limitValue = null, IReadOnlyList<string>? logs = null)
        : base(message)
    {
        Code = code;
        Line = line;
        Limit = limit;
        LimitValue = limitValue;
        Logs = logs ?? [];
    }

    public string Code { get; }
    public int? Line { get; }
    public string? Limit { get; }
    public long? LimitValue { get; }

    /// <summary>What the script logged before it failed: often the best clue for fixing it.</summary>
    public IReadOnlyList<string> Logs { get; }

    public ScriptFailure WithLogs(IReadOnlyList<string> logs) => new(Code, Message, Line, Limit, LimitValue, logs);

    public static ScriptFailure LimitHit(string limit, long value, string message) =>
        new("script_limit", message, null, limit, value);
}
