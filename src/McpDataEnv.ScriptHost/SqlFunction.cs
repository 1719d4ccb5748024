using System.Text.Json;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace McpDataEnv.ScriptHost;

/// <summary>
/// The script's <c>sql(query)</c>: asks the parent to run the query (through the server's gate, limits and
/// policy) and returns its rows as an array of plain objects. The worker holds no connection or credential.
/// </summary>
internal sealed class SqlFunction(string runId, HostChannel channel, RunLimits limits, RunGuard guard)
{
    public int Calls { get; private set; }
    public long Rows { get; private set; }

    public ClrFunctionInstance Create(Engine engine) => new(engine, (_, args) => Call(engine, args), 1);

    private JsValue Call(Engine engine, JsValue[] args)
    {
        guard.Check();
        if (args.Length == 0 || !args[0].IsString())
            throw new JavaScriptException(engine.TypeError, "sql(query) expects the SQL text as a string, e.g. sql('SELECT count(*) AS n FROM orders').");
        if (Calls >= limits.MaxSqlCalls)
            throw new GuardTrippedException("sql_calls", limits.MaxSqlCalls,
                $"The script called sql() more than {limits.MaxSqlCalls} times. Fetch what you need in fewer queries (aggregate or join in SQL).");
        var seq = ++Calls;
        channel.Write(w =>
        {
            w.WriteString("type", "sql");
            w.WriteString("id", runId);
            w.WriteNumber("seq", seq);
            w.WriteString("query", args[0].AsString());
        });
        using var reply = channel.Read() ?? throw new GuardTrippedException("protocol", 0, "The script's host closed the connection.");
        return ToRows(engine, reply.RootElement, seq);
    }

    private JsValue ToRows(Engine engine, JsonElement reply, int seq)
    {
        if (!IsReplyTo(reply, seq))
            throw new GuardTrippedException("protocol", 0, "The script's host answered sql() out of order.");
        if (reply.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            var code = error.TryGetProperty("code", out var c) ? c.GetString() : "sql_error";
            var message = error.TryGetProperty("message", out var m) ? m.GetString() : "The query failed.";
            throw new JavaScriptException(engine.Error, $"{code}: {message}");
        }
        if (reply.TryGetProperty("table", out var table) && table.ValueKind == JsonValueKind.Object)
        {
            var array = RowTable.ToArray(engine, table, limits.MaxJsonDepth, guard);
            Rows += RowTable.Length(array);
            return array;
        }

        // Rows as a JSON array of objects: the format of bridges that do not ship a table.
        var rows = reply.TryGetProperty("rows", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() ?? "[]" : "[]";
        if (!JsonTextDepth.IsWithin(rows, limits.MaxJsonDepth))
            throw new JavaScriptException(engine.RangeError, "sql(): the result is nested too deeply to load.");
        var value = new JsonParser(engine).Parse(rows);
        if (value.IsArray()) Rows += (long)TypeConverter.ToUint32(value.AsArray().Get("length"));
        return value;
    }

    private bool IsReplyTo(JsonElement reply, int seq) =>
        reply.ValueKind == JsonValueKind.Object
        && reply.TryGetProperty("type", out var t) && t.ValueEquals("sql_result")
        && reply.TryGetProperty("id", out var id) && id.ValueEquals(runId)
        && reply.TryGetProperty("seq", out var s) && s.TryGetInt32(out var n) && n == seq;
}
