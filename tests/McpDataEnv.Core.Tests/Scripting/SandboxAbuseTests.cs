using McpDataEnv.Core.Errors;

namespace McpDataEnv.Core.Tests.Scripting;

/// <summary>Each vector from the Jint 2.10.4 notes ends in a clear error, and the sandbox stays healthy afterwards.</summary>
public sealed class SandboxAbuseTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    public static TheoryData<string, string, string> Vectors => new()
    {
        // Time
        { "while(true){}", ErrorCodes.ScriptLimit, "timeout_ms" },
        { "try { while(true){} } finally { var x = 1; }", ErrorCodes.ScriptLimit, "timeout_ms" },
        { "for(;;) { try { while(true){} } catch (e) { } }", ErrorCodes.ScriptLimit, "timeout_ms" },
        { "/^(a+)+$/.test('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!')", ErrorCodes.ScriptLimit, "regex_timeout_ms" },
        // Memory
        { "var s = 'x'; for (var i = 0; i < 40; i++) { s += s; } s.length", ErrorCodes.ScriptLimit, "memory" },
        { "var a = []; for (var i = 0; i < 1e8; i++) { a.push({i: i, s: 'row ' + i}); } a.length", ErrorCodes.ScriptLimit, "limit=" },
        { "String.fromCharCode.apply(null, new Array(5e6)).length", ErrorCodes.ScriptError, "RangeError" },
        // Native loops up to length
        { "var a = []; a.length = 4294967295; a.join(',')", ErrorCodes.ScriptError, "RangeError" },
        { "var a = []; a.length = 4294967295; a.indexOf(1)", ErrorCodes.ScriptError, "RangeError" },
        { "var a = []; a.length = 4294967295; a.forEach(function () {})", ErrorCodes.ScriptError, "RangeError" },
        { "var a = []; a.length = 4294967295; a.map(function (x) { return x; })", ErrorCodes.ScriptError, "RangeError" },
        { "var a = []; a.length = 4294967295; a.filter(function () { return true; })", ErrorCodes.ScriptError, "RangeError" },
        { "var a = []; a.length = 4294967295; a.reduce(function (s, x) { return s; }, 0)", ErrorCodes.ScriptError, "RangeError" },
        { "var a = []; a.length = 4294967295; a.splice(0, 1)", ErrorCodes.ScriptError, "RangeError" },
        { "var a = []; a.length = 4294967295; [].concat(a)", ErrorCodes.ScriptError, "RangeError" },
        { "var a = []; a.length = 4294967295; a.sort()", ErrorCodes.ScriptError, "RangeError" },
        { "var a = []; a.length = 4294967295; a.lastIndexOf(1)", ErrorCodes.ScriptError, "RangeError" },
        { "var a = []; a.length = 4294967295; Array.prototype.join.call({length: 4294967295})", ErrorCodes.ScriptError, "RangeError" },
        // Stack
        { "function r() { return r(); } r()", ErrorCodes.ScriptLimit, "recurs" },
        { "function f(n) { var g = function () { return f(n + 1); }; return g(); } f(0)", ErrorCodes.ScriptLimit, "recurs" },
        { "function F() { new F(); } new F()", ErrorCodes.ScriptLimit, "recurs" },
        { "var o = {}; o.toString = function () { return '' + o; }; '' + o", ErrorCodes.ScriptLimit, "recurs" },
        { new string('(', 1000) + "1" + new string(')', 1000), ErrorCodes.ScriptSyntax, "nests brackets" },
        { "JSON.parse(new Array(10001).join('['))", ErrorCodes.ScriptError, "RangeError" },
        { "var o = {}; for (var i = 0; i < 20000; i++) { o = {a: o}; } JSON.stringify(o).length", ErrorCodes.ScriptError, "RangeError" },
        { "var o = {}; for (var i = 0; i < 20000; i++) { o = {a: o}; } o", ErrorCodes.ScriptLimit, "nests deeper" },
        { "var a = []; for (var i = 0; i < 20000; i++) { a = [a]; } String(a).length", ErrorCodes.ScriptError, "RangeError" },
        { "var o = {}; o.self = o; o", ErrorCodes.ScriptLimit, "cyclic" },
        // Output and host calls
        { "var s = new Array(100001).join('x'); var r = []; for (var i = 0; i < 20; i++) { r.push(s); } r", ErrorCodes.ScriptLimit, "larger than" },
        { "for (var i = 0; i < 5000; i++) { sql('SELECT 1'); }", ErrorCodes.ScriptLimit, "sql() more than 50" },
        { "sql(42)", ErrorCodes.ScriptError, "TypeError" },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    /// <param name="mentioned">Expected in the message or as the reported limit (<c>limit=...</c>).</param>
    public async Task Abuse_ends_in_a_clear_error_and_the_next_script_succeeds(string code, string expectedCode, string mentioned)
    {
        // Only the timeout vectors get the short timeout; the others must be ended by their own guard.
        var limits = mentioned == "timeout_ms" ? SandboxFixture.ShortTimeout : SandboxFixture.Limits;
        var act = () => sandbox.RunAsync(code, limits: limits);
        var error = (await act.Should().ThrowAsync<DataEnvException>()).Which;
        error.Code.Should().Be(expectedCode, error.Message);
        var limit = error.Details.TryGetValue("limit", out var l) ? l : null;
        $"{error.Message} limit={limit}".Should().Contain(mentioned);

        var next = await sandbox.RunAsync("1 + 1");
        next.ResultJson.Should().Be("2");
    }

    [Fact]
    public async Task Huge_console_output_is_capped_and_the_drop_is_reported()
    {
        var result = await sandbox.RunAsync("for (var i = 0; i < 100000; i++) { console.log('line ' + i); } 'ok'");
        result.ResultJson.Should().Be("\"ok\"");
        result.Logs.Should().HaveCount(SandboxFixture.Limits.MaxLogLines + 1);
        result.Logs[^1].Should().Contain("dropped");
        result.Stats.LogLinesDropped.Should().Be(100000 - SandboxFixture.Limits.MaxLogLines);
    }

    [Theory]
    [InlineData("new Array(1e6).join('abc').length", "2999997")]
    [InlineData("var rows = []; for (var i = 0; i < 10000; i++) { rows.push(new Array(51).join('x')); } rows.join('\\n').length", "509999")]
    [InlineData("var a = []; for (var i = 0; i < 100000; i++) { a.push(i); } Math.max.apply(null, a)", "99999")]
    public async Task Ordinary_large_work_that_used_to_hang_Jint_now_completes(string code, string expected)
    {
        var result = await sandbox.RunAsync(code);
        result.ResultJson.Should().Be(expected);
    }
}
