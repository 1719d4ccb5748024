using System.Diagnostics;
using System.Text.RegularExpressions;
using Jint;
using Jint.Native;
using Jint.Parser;
using Jint.Runtime;

namespace McpDataEnv.ScriptHost;

/// <summary>Maps what Jint and the guards throw to the error codes the model sees, with actionable messages.</summary>
internal static class FailureMapper
{
    public static ScriptFailure? Map(Exception ex, Engine engine, string code, RunLimits limits) => ex switch
    {
        ScriptFailure failure => failure,
        ParserException parse => Syntax(parse, code),
        JavaScriptException js => new ScriptFailure("script_error", Describe(js.Error, js.Message), LineOf(js, engine)),
        ArgumentException when IsUndescribableThrow(ex) => new ScriptFailure("script_error",
            "The script threw an object without a string message (such as throw {...}). Throw an Error instead: throw new Error('what went wrong').",
            LastLine(engine)),
        GuardTrippedException guard => new ScriptFailure("script_limit", guard.Message, null, guard.Limit, guard.Value),
        RegexMatchTimeoutException => ScriptFailure.LimitHit("regex_timeout_ms", 1000,
            "A regular expression took longer than 1 s (catastrophic backtracking). Simplify it, e.g. avoid nested quantifiers like (a+)+."),
        TimeoutException => ScriptFailure.LimitHit("timeout_ms", limits.TimeoutMs,
            $"The script ran longer than {limits.TimeoutMs} ms. Aggregate in SQL and keep loops over rows simple."),
        StatementsCountOverflowException => ScriptFailure.LimitHit("max_statements", limits.MaxStatements,
            $"The script executed more than {limits.MaxStatements} statements. Aggregate in SQL instead of looping in the script."),
        RecursionDepthOverflowException => ScriptFailure.LimitHit("max_recursion", limits.MaxRecursion,
            $"The script recursed more than {limits.MaxRecursion} levels deep. Use a loop instead of recursion."),
        OutOfMemoryException or InsufficientExecutionStackException => ScriptFailure.LimitHit("memory_mb", GC.GetGCMemoryInfo().TotalAvailableMemoryBytes >> 20,
            "The script ran out of memory or stack. Work on fewer rows (aggregate in SQL) and avoid deep recursion."),
        _ => null,
    };

    private static ScriptFailure Syntax(ParserException parse, string code)
    {
        var hint = Es5Hints.For(code);
        var message = $"Syntax error at line {parse.LineNumber}: {parse.Description ?? parse.Message}.";
        return new ScriptFailure("script_syntax", hint is null ? message + " Scripts are ES5.1 JavaScript." : message + " " + hint, parse.LineNumber);
    }

    private static string Describe(JsValue error, string fallback)
    {
        try
        {
            if (error is not null && error.IsObject())
            {
                var obj = error.AsObject();
                var name = obj.Get("name");
                var message = obj.Get("message");
                if (message.IsString()) return name.IsString() ? $"{name.AsString()}: {message.AsString()}" : message.AsString();
            }
            return error is null ? fallback : "Uncaught " + TypeConverter.ToString(error);
        }
        catch (Exception)
        {
            return fallback;
        }
    }

    private static int? LineOf(JavaScriptException js, Engine engine) => js.LineNumber > 0 ? js.LineNumber : LastLine(engine);

    private static int? LastLine(Engine engine)
    {
        var line = engine.GetLastSyntaxNode()?.Location?.Start.Line;
        return line > 0 ? line : null;
    }

    /// <summary>
    /// Jint 2.10.4 turns an uncaught <c>throw</c> into a <see cref="JavaScriptException"/> whose constructor reads the
    /// thrown object's <c>message</c> as a string: for <c>throw {}</c> or <c>throw {code: 1}</c> it throws
    /// <see cref="ArgumentException"/> instead, and the thrown value is lost. That is the script's error, not the worker's.
    /// </summary>
    private static bool IsUndescribableThrow(Exception ex) =>
        new StackTrace(ex, false).GetFrames().Any(f => f.GetMethod()?.DeclaringType == typeof(JavaScriptException));
}
