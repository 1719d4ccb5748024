using McpDataEnv.Core.Errors;

namespace McpDataEnv.Core.Tests.Scripting;

public sealed class ScriptSemanticsTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Theory]
    [InlineData("1 + 1", "2")]
    [InlineData("var x = 3; x * 2", "6")]
    [InlineData("var r = {a: [1, 'b', null]}; r", """{"a":[1,"b",null]}""")]
    [InlineData("var x = 1;", "null")]
    [InlineData("undefined", "null")]
    [InlineData("if (true) { 'then' } else { 'else' }", "\"then\"")]
    [InlineData("({n: NaN, f: function () {}})", """{"n":null}""")]
    [InlineData("new Date(0).getHours()", "0")]
    [InlineData("(1234.5).toLocaleString()", "\"1,234.50\"")]
    public async Task Result_is_the_completion_value_as_json(string code, string expected)
    {
        var result = await sandbox.RunAsync(code);
        result.ResultJson.Should().Be(expected);
    }

    [Theory]
    [InlineData("(function () {})", "function")]
    [InlineData("0 / 0", "NaN")]
    [InlineData("1 / 0", "Infinity")]
    public async Task Result_that_json_cannot_hold_is_a_script_error_with_advice(string code, string mentioned)
    {
        var act = () => sandbox.RunAsync(code);
        (await act.Should().ThrowAsync<DataEnvException>()).Which.Should().Match<DataEnvException>(e => e.Code == ErrorCodes.ScriptError && e.Message.Contains(mentioned));
    }

    [Fact]
    public async Task Inputs_are_visible_as_a_plain_object()
    {
        var result = await sandbox.RunAsync("inputs.rate * inputs.items.length", """{"rate": 2.5, "items": [1, 2]}""");
        result.ResultJson.Should().Be("5");
    }

    [Fact]
    public async Task Sql_returns_rows_as_plain_objects_and_is_counted()
    {
        var bridge = new FakeSqlBridge();
        var result = await sandbox.RunAsync("var rows = sql('SELECT region, amount FROM sales'); [rows.length, rows[0].region, rows instanceof Array]", sql: bridge);
        result.ResultJson.Should().Be("""[3,"north",true]""");
        result.Stats.SqlCalls.Should().Be(1);
        result.Stats.SqlRows.Should().Be(3);
        bridge.Calls.Should().Be(1);
    }

    [Fact]
    public async Task A_refused_query_is_a_catchable_error_carrying_its_code()
    {
        var result = await sandbox.RunAsync("try { sql('DELETE FROM sales'); 'no' } catch (e) { e.message }");
        result.ResultJson.Should().Contain("sql_rejected").And.Contain("read-only");
    }

    [Fact]
    public async Task Rows_per_call_are_capped_by_the_parent()
    {
        var result = await sandbox.RunAsync("try { sql('SELECT many'); 'no' } catch (e) { e.message }");
        result.ResultJson.Should().Contain("limit_exceeded");
    }

    [Theory]
    [InlineData("sum(sql('q'), 'amount')", "12.5")]
    [InlineData("sum([1, 2, 3], function (x) { return x * 10; })", "60")]
    [InlineData("sum([])", "0")]
    [InlineData("mean([2, null, 4])", "3")]
    [InlineData("mean([])", "null")]
    [InlineData("var g = groupBy(sql('q'), 'region'); [g.north.length, g.south.length]", "[2,1]")]
    [InlineData("round(1.005, 2)", "1.01")]
    [InlineData("round(-2.5)", "-3")]
    [InlineData("round(1234.5678, 1)", "1234.6")]
    public async Task Analyst_helpers_behave_as_documented(string code, string expected)
    {
        var result = await sandbox.RunAsync(code);
        result.ResultJson.Should().Be(expected);
    }

    [Fact]
    public async Task Sum_refuses_non_numeric_values_with_the_index()
    {
        var act = () => sandbox.RunAsync("sum(['1', 'x'])");
        (await act.Should().ThrowAsync<DataEnvException>()).Which.Message.Should().Contain("item 1 is not a number");
    }

    [Fact]
    public async Task Console_lines_are_captured_and_returned()
    {
        var result = await sandbox.RunAsync("console.log('n =', 3, {a: 1}); console.warn('careful'); 1");
        result.Logs.Should().Equal("n = 3 {\"a\":1}", "[warn] careful");
    }

    [Fact]
    public async Task A_thrown_error_is_a_script_error_with_message_line_and_logs()
    {
        var act = () => sandbox.RunAsync("console.log('before');\nvar x = 1;\nthrow new Error('boom');");
        var error = (await act.Should().ThrowAsync<DataEnvException>()).Which;
        error.Code.Should().Be(ErrorCodes.ScriptError);
        error.Message.Should().Be("Error: boom");
        error.Details["line"].Should().Be(3);
        error.Details["logs"].Should().BeEquivalentTo(new[] { "before" });
    }

    [Theory]
    [InlineData("var x = 1;\nthrow {};")]
    [InlineData("var x = 1;\nthrow {code: 'E42', detail: 'no rows'};")]
    [InlineData("var e = new Error('boom');\ne.message = 42; throw e;")]
    [InlineData("var x = 1;\n[1].map(function () { throw {}; });")]
    public async Task A_thrown_object_without_a_string_message_is_a_script_error_that_says_to_throw_an_Error(string code)
    {
        var act = () => sandbox.RunAsync(code);
        var error = (await act.Should().ThrowAsync<DataEnvException>()).Which;
        error.Code.Should().Be(ErrorCodes.ScriptError);
        error.Message.Should().Contain("throw new Error(");
        error.Details["line"].Should().Be(2);
    }

    [Theory]
    [InlineData("var f = function (x) { return x; }; [1].map(x => x * 2)", "Arrow functions")]
    [InlineData("var s = `total ${1}`;", "Template literals")]
    [InlineData("class A { }", "Classes")]
    [InlineData("for (var x of [1, 2]) { }", "for...of")]
    [InlineData("Math.max(...[1, 2])", "Spread")]
    [InlineData("var {a, b} = {a: 1};", "Destructuring")]
    [InlineData("function f(x = 1) { return x; }", "Default parameter")]
    public async Task Es2015_syntax_is_answered_with_how_to_write_it_in_es5(string code, string hint)
    {
        var act = () => sandbox.RunAsync(code);
        var error = (await act.Should().ThrowAsync<DataEnvException>()).Which;
        error.Code.Should().Be(ErrorCodes.ScriptSyntax);
        error.Message.Should().Contain(hint);
    }

    [Fact]
    public async Task Source_above_the_size_cap_is_refused_before_any_worker_runs_it()
    {
        var act = () => sandbox.RunAsync(new string(' ', SandboxFixture.Limits.MaxSourceChars) + "1");
        (await act.Should().ThrowAsync<DataEnvException>()).Which.Code.Should().Be(ErrorCodes.ScriptLimit);
    }

    [Fact]
    public async Task Invalid_inputs_json_is_an_invalid_argument()
    {
        var act = () => sandbox.RunAsync("1", "{not json");
        (await act.Should().ThrowAsync<DataEnvException>()).Which.Code.Should().Be(ErrorCodes.InvalidArgument);
    }
}
