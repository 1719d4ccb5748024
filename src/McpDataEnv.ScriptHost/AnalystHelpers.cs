using Jint;
using Jint.Native;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace McpDataEnv.ScriptHost;

/// <summary>
/// Small helpers for analysts, installed as globals in every run. The API (documented for the tool description):
/// <list type="bullet">
/// <item><c>sum(arr, fnOrProp?)</c>: total of the numbers (numeric strings accepted); null/undefined skipped; [] → 0.</item>
/// <item><c>mean(arr, fnOrProp?)</c>: average of the non-null values, or null when there are none.</item>
/// <item><c>groupBy(arr, fnOrProp)</c>: object mapping each key (as a string) to the array of its items, in input order.</item>
/// <item><c>round(x, digits?)</c>: decimal rounding half away from zero, digits 0..15 (default 0); round(1.005, 2) → 1.01.</item>
/// </list>
/// </summary>
internal static class AnalystHelpers
{
    public static void Install(Engine engine, RunLimits limits, RunGuard guard)
    {
        var aggregates = new AnalystAggregates(engine, limits, guard);
        engine.SetValue("sum", new ClrFunctionInstance(engine, (_, args) => aggregates.Sum(args), 2));
        engine.SetValue("mean", new ClrFunctionInstance(engine, (_, args) => aggregates.Mean(args), 2));
        engine.SetValue("groupBy", new ClrFunctionInstance(engine, (_, args) => aggregates.GroupBy(args), 2));
        engine.SetValue("round", new ClrFunctionInstance(engine, (_, args) => Round(engine, args), 2));
    }

    private static JsValue Round(Engine engine, JsValue[] args)
    {
        var x = args.Length > 0 ? TypeConverter.ToNumber(args[0]) : double.NaN;
        var digits = args.Length > 1 && !args[1].IsUndefined() ? TypeConverter.ToInteger(args[1]) : 0;
        if (digits is < 0 or > 15 || double.IsNaN(digits))
            throw new JavaScriptException(engine.RangeError, "round(x, digits): digits must be an integer from 0 to 15.");
        if (double.IsNaN(x) || double.IsInfinity(x) || Math.Abs(x) > 7.9e27) return x;
        // Via decimal so that round(1.005, 2) is 1.01 as an analyst expects, not binary 1.00.
        var rounded = Math.Round(decimal.Parse(x.ToString("R", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture), (int)digits, MidpointRounding.AwayFromZero);
        return (double)rounded;
    }
}
