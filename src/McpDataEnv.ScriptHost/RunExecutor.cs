using System.Text.Json;

namespace McpDataEnv.ScriptHost;

/// <summary>Runs one <c>run</c> message on a dedicated big-stack thread and answers <c>done</c> or <c>error</c>.</summary>
internal sealed class RunExecutor(HostChannel channel)
{
    // Deep source nesting, deep JSON and runaway recursion must hit a guard, not the end of the stack.
    private const int StackBytes = 256 * 1024 * 1024;

    public void Execute(string id, JsonElement message)
    {
        var code = message.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() ?? "" : "";
        var inputs = message.TryGetProperty("inputs", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
        var limits = RunLimits.From(message.TryGetProperty("limits", out var l) ? l : null);

        RunOutcome? outcome = null;
        Exception? fault = null;
        var thread = new Thread(() =>
        {
            try
            {
                outcome = new ScriptRun(id, code, inputs, limits, channel).Run();
            }
            catch (Exception ex)
            {
                fault = ex;
            }
        }, StackBytes)
        { Name = "script-run", IsBackground = true };
        thread.Start();
        thread.Join();

        if (outcome is not null) WriteDone(id, outcome);
        else WriteError(id, fault as ScriptFailure ?? new ScriptFailure("internal_error", "The script worker failed unexpectedly."));
        if (fault is not null and not ScriptFailure) Console.Error.WriteLine($"script worker fault: {fault}");
    }

    private void WriteDone(string id, RunOutcome outcome) => channel.Write(w =>
    {
        w.WriteString("type", "done");
        w.WriteString("id", id);
        w.WriteString("result", outcome.ResultJson);
        w.WriteStartArray("logs");
        foreach (var line in outcome.Logs) w.WriteStringValue(line);
        w.WriteEndArray();
        w.WriteStartObject("stats");
        w.WriteNumber("sql_calls", outcome.SqlCalls);
        w.WriteNumber("sql_rows", outcome.SqlRows);
        w.WriteNumber("log_lines_dropped", outcome.LogLinesDropped);
        w.WriteNumber("allocated_bytes", outcome.AllocatedBytes);
        w.WriteNumber("run_ms", outcome.RunMs);
        w.WriteEndObject();
    });

    private void WriteError(string id, ScriptFailure failure) => channel.Write(w =>
    {
        w.WriteString("type", "error");
        w.WriteString("id", id);
        w.WriteString("code", failure.Code);
        w.WriteString("message", failure.Message);
        if (failure.Line is { } line) w.WriteNumber("line", line);
        if (failure.Limit is { } limit) w.WriteString("limit", limit);
        if (failure.LimitValue is { } value) w.WriteNumber("limit_value", value);
        w.WriteStartArray("logs");
        foreach (var log in failure.Logs) w.WriteStringValue(log);
        w.WriteEndArray();
    });
}
