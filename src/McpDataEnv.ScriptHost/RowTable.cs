using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;

namespace McpDataEnv.ScriptHost;

/// <summary>
/// Builds the script's array of row objects from the columnar wire format (<c>{"columns":[...],"rows":[[...]]}</c>)
/// with the engine's own constructors: no JSON text is re-parsed and no CLR object reaches the engine.
/// </summary>
internal static class RowTable
{
    /// <summary>Converts <paramref name="table"/>; nested JSON cells deeper than <paramref name="maxDepth"/> are refused.</summary>
    // Called once per sql()/helper call but loops over every row: compile it optimised at once, not after tiering.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ObjectInstance ToArray(Engine engine, JsonElement table, int maxDepth, RunGuard guard)
    {
        var names = Names(table);
        var rows = table.TryGetProperty("rows", out var r) && r.ValueKind == JsonValueKind.Array ? r : default;
        var array = engine.Array.Construct(Arguments.Empty);
        if (rows.ValueKind != JsonValueKind.Array) return array;
        uint index = 0;
        foreach (var row in rows.EnumerateArray())
        {
            var item = engine.Object.Construct(Arguments.Empty);
            var column = 0;
            foreach (var cell in row.EnumerateArray())
            {
                if (column < names.Length) item.FastAddProperty(names[column], Value(engine, cell, maxDepth, 1), true, true, true);
                column++;
            }

            array.FastAddProperty(index.ToString(CultureInfo.InvariantCulture), item, true, true, true);
            // Building rows allocates; keep the memory guard in the loop like any other long native call.
            if ((++index & 0x3FFF) == 0) guard.Check();
        }

        array.Put("length", index, false);
        return array;
    }

    public static uint Length(ObjectInstance array) => TypeConverter.ToUint32(array.Get("length"));

    private static string[] Names(JsonElement table)
    {
        if (!table.TryGetProperty("columns", out var columns) || columns.ValueKind != JsonValueKind.Array) return [];
        return columns.EnumerateArray().Select(c => c.ValueKind == JsonValueKind.String ? c.GetString() ?? "" : c.GetRawText()).ToArray();
    }

    private static JsValue Value(Engine engine, JsonElement cell, int maxDepth, int depth)
    {
        switch (cell.ValueKind)
        {
            case JsonValueKind.Number: return cell.TryGetDouble(out var number) ? number : double.Parse(cell.GetRawText(), CultureInfo.InvariantCulture);
            case JsonValueKind.String: return cell.GetString() ?? "";
            case JsonValueKind.True: return JsValue.True;
            case JsonValueKind.False: return JsValue.False;
            case JsonValueKind.Array or JsonValueKind.Object: return Nested(engine, cell, maxDepth, depth);
            default: return JsValue.Null;
        }
    }

    private static JsValue Nested(Engine engine, JsonElement cell, int maxDepth, int depth)
    {
        if (depth > maxDepth)
            throw new JavaScriptException(engine.RangeError, "sql(): the result is nested too deeply to load.");
        if (cell.ValueKind == JsonValueKind.Object)
        {
            var obj = engine.Object.Construct(Arguments.Empty);
            foreach (var property in cell.EnumerateObject())
                obj.FastAddProperty(property.Name, Value(engine, property.Value, maxDepth, depth + 1), true, true, true);
            return obj;
        }

        var array = engine.Array.Construct(Arguments.Empty);
        uint index = 0;
        foreach (var item in cell.EnumerateArray())
            array.FastAddProperty((index++).ToString(CultureInfo.InvariantCulture), Value(engine, item, maxDepth, depth + 1), true, true, true);
        array.Put("length", index, false);
        return array;
    }
}
