using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace McpDataEnv.ScriptHost;

/// <summary>The script's <c>console</c>: captured lines, capped in count and bytes, never printed.</summary>
internal sealed class LogCapture(RunLimits limits)
{
    private const int MaxLineChars = 4_000;
    private readonly List<string> _lines = [];
    private long _bytes;

    public int Dropped { get; private set; }

    public IReadOnlyList<string> Lines => Dropped == 0 ? _lines : [.. _lines, $"[{Dropped} more log line(s) dropped: log limit reached]"];

    public ObjectInstance CreateConsole(Engine engine, RunGuard guard)
    {
        var console = engine.Object.Construct(System.Array.Empty<JsValue>());
        foreach (var (name, prefix) in new[] { ("log", ""), ("info", ""), ("warn", "[warn] "), ("error", "[error] ") })
        {
            console.FastAddProperty(name, new ClrFunctionInstance(engine, (_, args) =>
            {
                guard.Check();
                Add(prefix + Format(engine, args, limits.MaxJsonDepth));
                return JsValue.Undefined;
            }, 0), true, false, true);
        }
        return console;
    }

    private void Add(string line)
    {
        if (line.Length > MaxLineChars) line = line[..MaxLineChars] + "…";
        if (_lines.Count >= limits.MaxLogLines || _bytes + line.Length > limits.MaxLogBytes)
        {
            Dropped++;
            return;
        }
        _bytes += line.Length;
        _lines.Add(line);
    }

    private static string Format(Engine engine, JsValue[] args, int maxDepth) =>
        string.Join(' ', args.Select(a => FormatOne(engine, a, maxDepth)));

    private static string FormatOne(Engine engine, JsValue value, int maxDepth)
    {
        if (value.IsString()) return value.AsString();
        if (!value.IsObject() || value.AsObject().Class == "Function") return TypeConverter.ToString(value);
        if (!ValueDepth.IsWithin(value, maxDepth)) return "[object nested too deeply to print]";
        var json = new JsonSerializer(engine).Serialize(value, JsValue.Undefined, JsValue.Undefined);
        if (!json.IsString()) return TypeConverter.ToString(json);
        var text = json.AsString();
        return text.Length > MaxLineChars ? text[..MaxLineChars] + "…" : text;
    }
}
