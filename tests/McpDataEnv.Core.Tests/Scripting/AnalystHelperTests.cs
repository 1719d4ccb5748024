namespace McpDataEnv.Core.Tests.Scripting;

/// <summary>sum, mean and groupBy (host functions) behave exactly as documented to the model.</summary>
public sealed class AnalystHelperTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Theory]
    [InlineData("sum([1, null, undefined, '2.5'])", "3.5")]
    [InlineData("sum([{a: 1}, {a: 2}, null], 'a')", "3")]
    [InlineData("sum([5, 6], function (x, i) { return i; })", "1")]
    [InlineData("mean([{a: 1}, {a: 4}, {b: 9}], 'a')", "2.5")]
    [InlineData("mean([null])", "null")]
    [InlineData("var g = groupBy([1, 2, 3, 4, 5], function (x) { return x % 2 ? 'odd' : 'even'; }); [Object.keys(g).join(','), g.odd.length, g.even[1]]", """["odd,even",3,4]""")]
    [InlineData("var g = groupBy([{k: null}, {k: 'a'}, {}], 'k'); Object.keys(g).join(',')", "\"null,a,undefined\"")]
    [InlineData("var g = groupBy([], 'k'); [Object.keys(g).length, g instanceof Object]", "[0,true]")]
    [InlineData("var g = groupBy([{k: 'toString'}], 'k'); g.toString.length", "1")]
    [InlineData("var calls = 0; sum([1, 2, 3], function (x) { calls++; return x; }); calls", "3")]
    public async Task Helpers_compute_what_the_tool_description_promises(string code, string expected)
    {
        var result = await sandbox.RunAsync(code);
        result.ResultJson.Should().Be(expected);
    }

    [Theory]
    [InlineData("sum([true])", "TypeError: sum: item 0 is not a number: true")]
    [InlineData("sum([1, ''])", "TypeError: sum: item 1 is not a number: \\\"\\\"")]
    [InlineData("mean([{a: 'x'}], 'a')", "TypeError: mean: item 0 is not a number: \\\"x\\\"")]
    [InlineData("sum({length: 1, 0: 1})", "TypeError: sum(arr, ...) expects an array, e.g. the rows returned by sql()")]
    [InlineData("sum([1], 42)", "TypeError: sum: the second argument must be a function or a property name")]
    [InlineData("groupBy([1])", "TypeError: groupBy(arr, fnOrProp) needs a key function or property name")]
    [InlineData("groupBy('abc', 'k')", "TypeError: groupBy(arr, ...) expects an array")]
    [InlineData("sum([1], function () { throw new Error('from the callback'); })", "Error: from the callback")]
    [InlineData("var a = []; a.length = 4294967295; sum(a, 'x')", "RangeError: sum: the array's length is above the sandbox cap")]
    public async Task Misuse_is_a_catchable_error_with_advice(string code, string message)
    {
        var result = await sandbox.RunAsync($"try {{ {code}; 'no error' }} catch (e) {{ e.name + ': ' + e.message }}");
        result.ResultJson.Should().StartWith("\"" + message);
    }
}
