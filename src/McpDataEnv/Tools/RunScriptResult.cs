using System.Text.Json;
using McpDataEnv.Core.Scripting;

namespace McpDataEnv.Tools;

/// <summary>The structured answer of run_script.</summary>
/// <param name="Result">The script's completion value (its last expression), as JSON.</param>
public sealed record RunScriptResult(JsonElement Result, IReadOnlyList<string> Logs, double ElapsedMs, ScriptStats Stats)
{
    public static RunScriptResult From(ScriptRunResult run) => new(run.Result, run.Logs, Math.Round(run.ElapsedMs, 3), run.Stats);
}
