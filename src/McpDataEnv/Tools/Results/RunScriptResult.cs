using System.Text.Json;
using McpDataEnv.Core.Scripting;

namespace McpDataEnv.Tools;

/// <summary>The structured answer of run_script.</summary>
/// <param name="Result">The script's completion value (its last expression), as JSON: any JSON value.</param>
public sealed record RunScriptResult(object? Result, IReadOnlyList<string> Logs, double ElapsedMs, ScriptStats Stats)
{
    public static RunScriptResult From(ScriptRunResult run) => new(run.Result, run.Logs, Math.Round(run.ElapsedMs, 3), run.Stats);

    /// <summary>The result as JSON text, for the text rendering.</summary>
    public string ResultText() => Result is JsonElement element ? element.GetRawText() : "null";
}
