using System.Text.Json.Nodes;
using McpDataEnv.Tests.Support;

namespace McpDataEnv.Tests.EndToEnd;

/// <summary>
/// Abusive scripts through the real server: each is stopped cleanly and the next call is served normally. The tests
/// share one server, so each abuse also runs on a pool the earlier ones have already killed workers of.
/// </summary>
public sealed class ScriptSandboxAbuseTests : IClassFixture<SeededEnvironment>
{
    private const string HealthyCall = "sql('SELECT COUNT(*) AS n FROM orders')[0].n";
    private readonly SeededEnvironment _env;

    public ScriptSandboxAbuseTests(SeededEnvironment env) => _env = env;

    [Fact]
    public async Task Many_sql_calls_are_served_up_to_the_per_run_limit_and_refused_beyond_it()
    {
        var report = await _env.Sessions.RunAsync(
            McpDriver.StdioServer(_env.Folder),
            Script("var n = 0; for (var i = 0; i < 100; i++) { n += sql('SELECT ' + i + ' AS v')[0].v; } n"),
            Script("var n = 0; for (var i = 0; i < 5000; i++) { n += sql('SELECT 1 AS v')[0].v; } n"),
            Script(HealthyCall));

        report.Result(0).Structured()["result"]!.GetValue<long>().Should().Be(4950);
        report.Result(0).Structured()["stats"]!["sql_calls"]!.GetValue<int>().Should().Be(100);
        report.Result(1).ErrorCode().Should().Be("script_limit");
        Limit(report.Result(1)).Should().Be("sql_calls");
        report.Result(2).Structured()["result"]!.GetValue<long>().Should().Be(60_000);
    }

    [Fact]
    public async Task Huge_console_output_is_capped_and_the_run_still_answers()
    {
        var report = await _env.Sessions.RunAsync(
            McpDriver.StdioServer(_env.Folder),
            Script("var line = new Array(3000).join('y'); for (var i = 0; i < 20000; i++) { console.log(i, line); } 'done'"));

        var answer = report.Result(0).Structured();
        answer["result"]!.GetValue<string>().Should().Be("done");
        answer["logs"]!.AsArray().Count.Should().BeLessThanOrEqualTo(201);
        answer["stats"]!["log_lines_dropped"]!.GetValue<int>().Should().BeGreaterThan(19_000);
        report.Result(0).Text().Length.Should().BeLessThan(1_000_000);
    }

    [Theory]
    [InlineData("var s = 'x'; for (var i = 0; i < 22; i++) { s += s; } var keep = []; while (true) { keep.push(s + keep.length); }", "memory_mb")]
    [InlineData("function F() { new F(); } new F();", "stack")]
    [InlineData("var o = {}; o.toString = function () { return '' + o; }; '' + o", "stack")]
    public async Task A_memory_or_stack_bomb_is_stopped_and_the_next_call_reads_data_normally(string bomb, string limit)
    {
        var report = await _env.Sessions.RunAsync(
            McpDriver.StdioServer(_env.Folder),
            Script(bomb),
            Script(HealthyCall),
            Script(HealthyCall));

        report.Result(0).ErrorCode().Should().Be("script_limit");
        Limit(report.Result(0)).Should().Be(limit);
        report.Result(1).Structured()["result"]!.GetValue<long>().Should().Be(60_000);
        report.Result(2).Structured()["result"]!.GetValue<long>().Should().Be(60_000);
    }

    [Fact]
    public async Task Prototype_pollution_is_not_visible_to_the_next_run_script_call()
    {
        const string Pollute = "Array.prototype.polluted = 1; Object.prototype.p2 = 2; JSON.stringify = function () { return 'hijacked'; }; sum = null; 1";
        const string Inspect = "[typeof [].polluted, typeof ({}).p2, JSON.stringify({a: 1}), sum([1, 2]), typeof sql('SELECT 1 AS one')[0].p2]";
        var steps = Enumerable.Range(0, 3).Select(_ => Script(Pollute)).Concat(Enumerable.Range(0, 3).Select(_ => Script(Inspect))).ToArray();

        var report = await _env.Sessions.RunAsync(McpDriver.StdioServer(_env.Folder), steps);

        var clean = JsonNode.Parse("""["undefined","undefined","{\"a\":1}",3,"undefined"]""");
        for (var i = 3; i < 6; i++)
        {
            var seen = report.Result(i).Structured()["result"];
            JsonNode.DeepEquals(seen, clean).Should().BeTrue($"run {i} saw {seen?.ToJsonString()}");
        }
    }

    private static JsonObject Script(string code) => McpDriver.Call("run_script", new { code });

    private static string? Limit(JsonObject result) =>
        JsonNode.Parse(result.Text())!["error"]!["details"]?["limit"]?.GetValue<string>();
}
