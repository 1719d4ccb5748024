using System.Diagnostics;
using System.Globalization;
using Jint;
using Jint.Native;
using Jint.Native.Json;

namespace McpDataEnv.ScriptHost;

/// <summary>One script execution in a fresh engine, on the current (big-stack) thread.</summary>
internal sealed class ScriptRun(string id, string code, string? inputsJson, RunLimits limits, HostChannel channel)
{
    // Of the 256 MB run-thread stack, scripts may use this much (well over the 1,000 levels LimitRecursion allows);
    // the rest is margin for native frames between two checks. Kept small because every garbage collection walks
    // the whole stack and a tripped guard unwinds it: a 32 MB allowance made stack bombs take seconds under load.
    private const long MaxStackBytes = 12L * 1024 * 1024;

    public RunOutcome Run()
    {
        var clock = Stopwatch.StartNew();
        if (SourceNesting.Measure(code) > SourceNesting.MaxDepth)
            throw new ScriptFailure("script_syntax", $"The script nests brackets more than {SourceNesting.MaxDepth} levels deep. Flatten it into variables and functions.");

        Options? options = null;
        var engine = new Engine(o => RunGuard.Configure(options = o
            .Culture(CultureInfo.InvariantCulture)
            .LocalTimeZone(TimeZoneInfo.Utc)
            .Strict(false)
            .MaxStatements(limits.MaxStatements)
            .TimeoutInterval(TimeSpan.FromMilliseconds(limits.TimeoutMs))
            .LimitRecursion(limits.MaxRecursion)));
        using var guard = new RunGuard(engine, options!, limits.AllocationBudgetBytes, MaxStackBytes);
        var logs = new LogCapture(limits);
        var sql = new SqlFunction(id, channel, limits, guard);
        new BuiltinPatches(engine, limits, guard).Apply();
        engine.SetValue("console", logs.CreateConsole(engine, guard));
        engine.SetValue("sql", sql.Create(engine));
        engine.SetValue("inputs", ParseInputs(engine));
        AnalystHelpers.Install(engine, limits, guard);

        try
        {
            var completion = engine.Execute(code).GetCompletionValue();
            var result = ResultSerializer.Serialize(engine, completion, limits);
            return new RunOutcome(result, logs.Lines, sql.Calls, sql.Rows, logs.Dropped, guard.AllocatedBytes, clock.Elapsed.TotalMilliseconds);
        }
        catch (Exception ex) when (FailureMapper.Map(ex, engine, code, limits) is { } failure)
        {
            throw failure.WithLogs(logs.Lines);
        }
    }

    private JsValue ParseInputs(Engine engine)
    {
        if (string.IsNullOrWhiteSpace(inputsJson)) return engine.Object.Construct(Array.Empty<JsValue>());
        if (!JsonTextDepth.IsWithin(inputsJson, limits.MaxJsonDepth))
            throw new ScriptFailure("invalid_argument", $"inputs nests deeper than {limits.MaxJsonDepth} levels.");
        try
        {
            return new JsonParser(engine).Parse(inputsJson);
        }
        catch (Exception)
        {
            throw new ScriptFailure("invalid_argument", "inputs is not valid JSON.");
        }
    }
}
