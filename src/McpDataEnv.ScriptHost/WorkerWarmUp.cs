using System.Text;
using System.Text.Json;

namespace McpDataEnv.ScriptHost;

/// <summary>
/// Runs a small, typical script (rows from <c>sql()</c>, loops, the helpers, the patched built-ins) once before the
/// worker reports ready, so that the first real run does not pay for compiling the interpreter's hot paths.
/// </summary>
/// <remarks>The script's <c>sql()</c> is answered from a canned table; nothing leaves the process.</remarks>
internal static class WorkerWarmUp
{
    private const string RunId = "warm-up";
    private const int Rows = 4_000;

    private const string Code = """
        var rows = sql('SELECT region, amount, note FROM warm_up');
        var total = 0, names = [];
        for (var i = 0; i < rows.length; i++) { var r = rows[i]; total += r.amount * (1 - 0.1); if (i % 500 === 0) { names.push(String(r.region).toUpperCase()); } }
        var byRegion = groupBy(rows, 'region'), out = {};
        Object.keys(byRegion).forEach(function (k) { out[k] = round(sum(byRegion[k], function (r) { return r.amount; }), 2); });
        var top = rows.filter(function (r) { return r.amount > 10; }).map(function (r) { return r.amount; }).sort(function (a, b) { return b - a; }).slice(0, 5);
        console.log('warm', names.join(','), JSON.stringify(out));
        ({ total: total, mean: mean(rows, 'amount'), sum: sum(rows, 'amount'), top: top, text: JSON.stringify(top), n: rows.length });
        """;

    public static void Run()
    {
        try
        {
            var channel = new HostChannel(new StringReader(CannedReply()), Stream.Null);
            new ScriptRun(RunId, Code, null, RunLimits.Defaults, channel).Run();
        }
        catch (Exception ex)
        {
            // A worker that could not warm up still serves runs, only slower at first.
            Console.Error.WriteLine($"script worker warm-up failed: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private static string CannedReply()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", "sql_result");
            w.WriteString("id", RunId);
            w.WriteNumber("seq", 1);
            w.WriteStartObject("table");
            w.WriteStartArray("columns");
            foreach (var name in new[] { "region", "amount", "note" }) w.WriteStringValue(name);
            w.WriteEndArray();
            w.WriteStartArray("rows");
            for (var i = 0; i < Rows; i++)
            {
                w.WriteStartArray();
                w.WriteStringValue((i % 4) switch { 0 => "north", 1 => "south", 2 => "east", _ => "west" });
                w.WriteNumberValue(i % 7 == 0 ? i : i * 0.25);
                if (i % 3 == 0) w.WriteNullValue();
                else w.WriteBooleanValue(i % 2 == 0);
                w.WriteEndArray();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
