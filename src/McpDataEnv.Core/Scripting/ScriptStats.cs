namespace McpDataEnv.Core.Scripting;

/// <summary>Counters of one run.</summary>
/// <param name="SqlCalls">How many times the script called <c>sql()</c>.</param>
/// <param name="SqlRows">Rows returned to the script over all calls.</param>
/// <param name="LogLinesDropped">Console lines dropped because the log limit was reached.</param>
/// <param name="AllocatedBytes">Bytes the interpreter allocated for the run (garbage included).</param>
/// <param name="WorkerRunMs">Time spent inside the worker, from engine creation to serialised result.</param>
public sealed record ScriptStats(int SqlCalls, long SqlRows, int LogLinesDropped, long AllocatedBytes, double WorkerRunMs);
