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
    // ES5 only; runs before the script, so its few statements count against the statement limit.
    private const string Prelude = """
        var __pick = function (name, fnOrProp) {
          if (fnOrProp === undefined) { return function (x) { return x; }; }
          if (typeof fnOrProp === 'function') { return fnOrProp; }
          if (typeof fnOrProp === 'string') { return function (x) { return x == null ? undefined : x[fnOrProp]; }; }
          throw new TypeError(name + ': the second argument must be a function or a property name');
        };
        var __values = function (name, arr, fnOrProp) {
          if (!(arr instanceof Array)) { throw new TypeError(name + '(arr, ...) expects an array, e.g. the rows returned by sql()'); }
          var pick = __pick(name, fnOrProp), out = [];
          for (var i = 0; i < arr.length; i++) {
            var v = pick(arr[i], i);
            if (v === null || v === undefined) { continue; }
            var n = typeof v === 'number' ? v : Number(v);
            if (typeof v === 'boolean' || (typeof v !== 'number' && (v === '' || isNaN(n)))) { throw new TypeError(name + ': item ' + i + ' is not a number: ' + JSON.stringify(v)); }
            out.push(n);
          }
          return out;
        };
        var sum = function (arr, fnOrProp) { var v = __values('sum', arr, fnOrProp), t = 0; for (var i = 0; i < v.length; i++) { t += v[i]; } return t; };
        var mean = function (arr, fnOrProp) { var v = __values('mean', arr, fnOrProp); return v.length === 0 ? null : sum(v) / v.length; };
        var groupBy = function (arr, fnOrProp) {
          if (fnOrProp === undefined) { throw new TypeError('groupBy(arr, fnOrProp) needs a key function or property name'); }
          if (!(arr instanceof Array)) { throw new TypeError('groupBy(arr, ...) expects an array'); }
          var pick = __pick('groupBy', fnOrProp), groups = {};
          for (var i = 0; i < arr.length; i++) {
            var k = String(pick(arr[i], i));
            if (!Object.prototype.hasOwnProperty.call(groups, k)) { groups[k] = []; }
            groups[k].push(arr[i]);
          }
          return groups;
        };
        """;

    public static void Install(Engine engine)
    {
        engine.SetValue("round", new ClrFunctionInstance(engine, (_, args) => Round(engine, args), 2));
        engine.Execute(Prelude);
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
