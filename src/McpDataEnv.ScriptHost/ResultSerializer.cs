using System.Text;
using Jint;
using Jint.Native;
using Jint.Native.Json;

namespace McpDataEnv.ScriptHost;

/// <summary>
/// Turns the script's completion value into JSON text with Jint's own serializer (never the script's
/// possibly replaced <c>JSON.stringify</c>), size-capped.
/// </summary>
/// <remarks>
/// undefined → null. A function, or a top-level NaN/Infinity, is refused with advice. Inside objects,
/// NaN/Infinity become null and functions are omitted (standard JSON.stringify behaviour).
/// </remarks>
internal static class ResultSerializer
{
    public static string Serialize(Engine engine, JsValue value, RunLimits limits)
    {
        if (value.IsUndefined() || value.IsNull()) return "null";
        if (value.IsObject() && value.AsObject().Class == "Function")
            throw new ScriptFailure("script_error", "The script's last expression is a function, which has no JSON value. End the script with the value to return, e.g. result; or myFunction();");
        if (value.IsNumber() && (double.IsNaN(value.AsNumber()) || double.IsInfinity(value.AsNumber())))
            throw new ScriptFailure("script_error", $"The script's result is {(double.IsNaN(value.AsNumber()) ? "NaN" : "Infinity")}, which JSON cannot represent. Check for a division by zero or a missing (null/undefined) value.");
        if (!ValueDepth.IsWithin(value, limits.MaxJsonDepth))
            throw ScriptFailure.LimitHit("result_depth", limits.MaxJsonDepth, $"The script's result nests deeper than {limits.MaxJsonDepth} levels (or is cyclic). Return a flatter value.");
        var json = new JsonSerializer(engine).Serialize(value, JsValue.Undefined, JsValue.Undefined);
        var text = json.IsString() ? json.AsString() : "null";
        if (text.Length > limits.MaxOutputBytes || Encoding.UTF8.GetByteCount(text) > limits.MaxOutputBytes)
            throw ScriptFailure.LimitHit("output_bytes", limits.MaxOutputBytes, $"The script's result is larger than {limits.MaxOutputBytes} bytes of JSON. Return an aggregate or the top rows, not the whole data set.");
        return text;
    }
}
