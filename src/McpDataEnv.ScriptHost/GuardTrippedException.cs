namespace McpDataEnv.ScriptHost;

/// <summary>Thrown from the step handler or a host function when a run exceeds a guard; scripts cannot catch it.</summary>
internal sealed class GuardTrippedException(string limit, long value, string message) : Exception(message)
{
    public string Limit { get; } = limit;
    public long Value { get; } = value;
}
