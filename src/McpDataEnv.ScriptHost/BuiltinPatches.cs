using System.Text;
using Jint;
using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace McpDataEnv.ScriptHost;

/// <summary>
/// Replaces the built-ins whose native loops ignore Jint's timeout (they run to <c>length</c> in one call):
/// they now refuse oversized inputs with a catchable <c>RangeError</c> before looping.
/// </summary>
internal sealed class BuiltinPatches(Engine engine, RunLimits limits, RunGuard guard)
{
    private const int MaxJoinChars = 16 * 1024 * 1024;
    private const int MaxApplyArguments = 500_000;
    private const int MaxNestedJoins = 64;

    private static readonly string[] LengthLoopingArrayMethods =
    [
        "indexOf", "lastIndexOf", "forEach", "map", "filter", "reduce", "reduceRight", "some", "every",
        "splice", "concat", "sort", "slice", "reverse", "shift", "unshift", "toLocaleString",
    ];

    private int _joinDepth;

    public void Apply()
    {
        var arrayPrototype = engine.Array.PrototypeObject;
        foreach (var name in LengthLoopingArrayMethods)
            Wrap(arrayPrototype, name, (self, args, original) => original.Call(self, CheckLength(self, name, args)));
        Wrap(arrayPrototype, "join", (self, args, _) => Join(self, args));
        Wrap(engine.Function.PrototypeObject, "apply", (self, args, original) =>
        {
            if (args.Length > 1 && args[1].IsObject() && Length(args[1]) > MaxApplyArguments)
                throw RangeError($"Function.prototype.apply: more than {MaxApplyArguments} arguments. Loop over the array instead.");
            return original.Call(self, args);
        });
        var json = engine.Json;
        Wrap(json, "parse", (self, args, original) =>
        {
            if (args.Length > 0 && args[0].IsString() && !JsonTextDepth.IsWithin(args[0].AsString(), limits.MaxJsonDepth))
                throw RangeError($"JSON.parse: nesting deeper than {limits.MaxJsonDepth} levels is not allowed.");
            return original.Call(self, args);
        });
        Wrap(json, "stringify", (self, args, original) =>
        {
            if (args.Length > 0 && !ValueDepth.IsWithin(args[0], limits.MaxJsonDepth))
                throw RangeError($"JSON.stringify: the value nests deeper than {limits.MaxJsonDepth} levels (or is cyclic).");
            return original.Call(self, args);
        });
    }

    private JsValue[] CheckLength(JsValue self, string name, JsValue[] args)
    {
        guard.Check();
        if (self.IsObject() && Length(self) > (uint)limits.MaxArrayLength)
            throw RangeError($"Array.prototype.{name}: the array's length is above the sandbox cap of {limits.MaxArrayLength}.");
        if (name == "concat")
            foreach (var arg in args)
                if (arg.IsArray() && Length(arg) > (uint)limits.MaxArrayLength)
                    throw RangeError($"Array.prototype.concat: an argument's length is above the sandbox cap of {limits.MaxArrayLength}.");
        return args;
    }

    private JsValue Join(JsValue self, JsValue[] args)
    {
        var obj = TypeConverter.ToObject(engine, self);
        var length = Length(obj);
        if (length > (uint)limits.MaxArrayLength)
            throw RangeError($"Array.prototype.join: the array's length is above the sandbox cap of {limits.MaxArrayLength}.");
        var separator = args.Length > 0 && !args[0].IsUndefined() ? TypeConverter.ToString(args[0]) : ",";
        if (++_joinDepth > MaxNestedJoins)
        {
            _joinDepth = 0;
            throw RangeError("Array.prototype.join: arrays are nested too deeply (or contain themselves).");
        }
        try
        {
            var text = new StringBuilder();
            for (uint i = 0; i < length; i++)
            {
                if (i > 0) text.Append(separator);
                var element = obj.Get(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (!element.IsUndefined() && !element.IsNull()) text.Append(TypeConverter.ToString(element));
                if (text.Length > MaxJoinChars)
                    throw RangeError($"Array.prototype.join: the result would exceed {MaxJoinChars} characters.");
                if ((i & 0xFFF) == 0) guard.Check();
            }
            return text.ToString();
        }
        finally
        {
            _joinDepth = Math.Max(0, _joinDepth - 1);
        }
    }

    private static uint Length(JsValue value) => TypeConverter.ToUint32(value.AsObject().Get("length"));

    private JavaScriptException RangeError(string message) => new(engine.RangeError, message);

    private void Wrap(ObjectInstance target, string name, Func<JsValue, JsValue[], FunctionInstance, JsValue> body)
    {
        if (target.Get(name) is not { } existing || !existing.Is<FunctionInstance>()) return;
        var original = existing.As<FunctionInstance>();
        var replacement = new ClrFunctionInstance(engine, (self, args) => body(self, args, original), (int)TypeConverter.ToInteger(original.Get("length")));
        target.FastAddProperty(name, replacement, true, false, true);
    }
}
