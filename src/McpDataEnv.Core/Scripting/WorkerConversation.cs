using System.Diagnostics;
using System.Text.Json;
using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Errors;

namespace McpDataEnv.Core.Scripting;

/// <summary>
/// Drives one run over the JSON-lines protocol: <c>run</c> → (<c>sql</c> ⇄ <c>sql_result</c>)* → <c>done</c> | <c>error</c>.
/// Re-enforces the per-run limits in the parent, so a misbehaving worker cannot exceed them.
/// </summary>
internal sealed class WorkerConversation(WorkerProcess worker, ScriptRunRequest request, ISqlBridge bridge)
{
    private const int MaxLogBytes = 64 * 1024;
    private readonly string _id = Guid.NewGuid().ToString("N");
    private ScriptSettings Limits => request.Limits;

    public async Task<ScriptRunResult> RunAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await worker.WriteAsync(WriteRun, ct);
        var sqlCalls = 0;
        // done carries the result plus logs; anything much larger is a broken worker.
        var maxLine = 2 * (Limits.MaxOutputBytes + MaxLogBytes) + 64 * 1024;
        while (true)
        {
            using var message = await worker.ReadAsync(maxLine, ct) ?? throw WorkerDied();
            var root = message.RootElement;
            if (!root.TryGetProperty("id", out var id) || !id.ValueEquals(_id)) throw ProtocolBroken();
            switch (Text(root, "type"))
            {
                case "sql":
                    if (++sqlCalls > Limits.MaxSqlCalls) throw ProtocolBroken();
                    await AnswerSqlAsync(root, ct);
                    break;
                case "done":
                    return Done(root, clock.Elapsed.TotalMilliseconds);
                case "error":
                    throw Failed(root);
                default:
                    throw ProtocolBroken();
            }
        }
    }

    private void WriteRun(Utf8JsonWriter w)
    {
        w.WriteString("type", "run");
        w.WriteString("id", _id);
        w.WriteString("code", request.Code);
        if (request.InputsJson is not null) w.WriteString("inputs", request.InputsJson);
        w.WriteStartObject("limits");
        w.WriteNumber("timeout_ms", Limits.TimeoutMs);
        // Jint allocates ~0.5 GB/s of garbage even in empty loops: this budget bounds churn, the live-heap guard and
        // the process's hard heap limit bound memory.
        w.WriteNumber("allocation_budget_mb", Math.Max(1024, Limits.MemoryMb * 32));
        w.WriteNumber("max_output_bytes", Limits.MaxOutputBytes);
        w.WriteNumber("max_log_lines", Limits.MaxLogLines);
        w.WriteNumber("max_log_bytes", MaxLogBytes);
        w.WriteNumber("max_sql_calls", Limits.MaxSqlCalls);
        w.WriteEndObject();
    }

    private async Task AnswerSqlAsync(JsonElement root, CancellationToken ct)
    {
        var seq = root.TryGetProperty("seq", out var s) && s.TryGetInt32(out var n) ? n : -1;
        var query = Text(root, "query") ?? "";
        var answer = await QueryAsync(query, ct);
        await worker.WriteAsync(w =>
        {
            w.WriteString("type", "sql_result");
            w.WriteString("id", _id);
            w.WriteNumber("seq", seq);
            if (answer.IsError)
            {
                w.WriteStartObject("error");
                w.WriteString("code", answer.ErrorCode);
                w.WriteString("message", answer.ErrorMessage);
                w.WriteEndObject();
            }
            else if (answer.Table is { } table) RowTableJson.Write(w, "table", table);
            else w.WriteString("rows", answer.RowsJson ?? "[]");
        }, ct);
    }

    private async Task<SqlBridgeResult> QueryAsync(string query, CancellationToken ct)
    {
        try
        {
            var result = await bridge.QueryAsync(query, ct);
            if (!result.IsError && result.RowCount > Limits.MaxSqlRowsPerCall)
                return SqlBridgeResult.Fail(ErrorCodes.LimitExceeded,
                    $"The query returned more than {Limits.MaxSqlRowsPerCall} rows, the cap per sql() call. Aggregate in SQL or add a LIMIT.");
            return result;
        }
        catch (DataEnvException refusal)
        {
            return SqlBridgeResult.Fail(refusal.Code, refusal.Message);
        }
    }

    private ScriptRunResult Done(JsonElement root, double elapsedMs)
    {
        var result = Text(root, "result") ?? "null";
        if (result.Length > Limits.MaxOutputBytes) throw ProtocolBroken();
        var stats = root.TryGetProperty("stats", out var st) ? st : default;
        return new ScriptRunResult(result, Logs(root), elapsedMs, new ScriptStats(
            (int)Int(stats, "sql_calls"), Int(stats, "sql_rows"), (int)Int(stats, "log_lines_dropped"), Int(stats, "allocated_bytes"),
            stats.ValueKind == JsonValueKind.Object && stats.TryGetProperty("run_ms", out var ms) && ms.TryGetDouble(out var d) ? d : 0));
    }

    private DataEnvException Failed(JsonElement root)
    {
        var reported = Text(root, "code");
        var code = reported is ErrorCodes.ScriptError or ErrorCodes.ScriptSyntax or ErrorCodes.ScriptLimit or ErrorCodes.InvalidArgument
            ? reported
            : ErrorCodes.Internal;
        var message = code == ErrorCodes.Internal ? "The script worker failed unexpectedly." : ScriptFailureMessage.Capped(Text(root, "message") ?? "The script failed.");
        var details = new Dictionary<string, object?> { ["logs"] = Logs(root) };
        if (root.TryGetProperty("line", out var line) && line.TryGetInt32(out var l)) details["line"] = l;
        if (Text(root, "limit") is { } limit) details["limit"] = limit;
        if (root.TryGetProperty("limit_value", out var value) && value.TryGetInt64(out var v)) details["limit_value"] = v;
        return new DataEnvException(code, message, details);
    }

    private IReadOnlyList<string> Logs(JsonElement root)
    {
        if (!root.TryGetProperty("logs", out var logs) || logs.ValueKind != JsonValueKind.Array) return [];
        return logs.EnumerateArray().Where(l => l.ValueKind == JsonValueKind.String).Select(l => l.GetString()!).Take(Limits.MaxLogLines + 1).ToList();
    }

    private DataEnvException WorkerDied()
    {
        var tail = worker.StderrTail;
        var (limit, why) = tail.Contains("Stack overflow", StringComparison.OrdinalIgnoreCase)
            ? ("stack", "it recursed too deeply")
            : tail.Contains("OutOfMemory", StringComparison.OrdinalIgnoreCase) ? ("memory_mb", "it ran out of memory") : ("worker", "its worker stopped");
        return new DataEnvException(ErrorCodes.ScriptLimit,
            $"The script was stopped because {why}. Aggregate in SQL, use loops instead of recursion and keep data small.",
            new Dictionary<string, object?> { ["limit"] = limit });
    }

    private DataEnvException ProtocolBroken()
    {
        worker.Kill();
        return new DataEnvException(ErrorCodes.Internal, "The script worker misbehaved and was replaced. Try again.");
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long Int(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.TryGetInt64(out var n) ? n : 0;
}
