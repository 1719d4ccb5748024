namespace McpDataEnv.ScriptHost;

/// <summary>What a successful run sends back: the completion value as JSON text, captured logs and counters.</summary>
internal sealed record RunOutcome(string ResultJson, IReadOnlyList<string> Logs, int SqlCalls, long SqlRows, int LogLinesDropped, long AllocatedBytes, double RunMs);
