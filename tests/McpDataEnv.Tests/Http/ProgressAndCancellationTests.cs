using System.Text.Json.Nodes;
using McpDataEnv.Core.Governance.Audit;
using McpDataEnv.Tests.Support;

namespace McpDataEnv.Tests.Http;

/// <summary>
/// Over stateful Streamable HTTP with the official TypeScript client: long calls send progress when the client
/// asks for it, and a call the client aborts (notifications/cancelled) stops the work on the server. When beats are
/// due (and that a quick call gets none) is specified on a manual clock in ToolProgressTests: over a real transport
/// on a loaded machine, even <c>SELECT 1</c> can outlast the first half second.
/// </summary>
public sealed class ProgressAndCancellationTests : IClassFixture<GovernedEnvironment>
{
    // About three seconds of busy work, well inside the 15 s script limit.
    private const string LongScript = "var t = new Date().getTime(); var n = 0; while (new Date().getTime() - t < 3000) { n++; } n > 0";
    private const string EndlessScript = "var n = 0; while (true) { n++; } n";
    private const string EndlessQuery = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT COUNT(*) AS n FROM c";

    private readonly GovernedEnvironment _env;

    public ProgressAndCancellationTests(GovernedEnvironment env) => _env = env;

    [Fact]
    public async Task A_long_script_sends_progress_notifications_to_a_client_that_asked_for_them()
    {
        await using var server = await HttpTestServer.StartAsync(_env.Folder, anonymousRole: "analyst");

        var report = await HttpPlans.RunAsync("http", server.McpUrl, key: null,
            new JsonObject { ["op"] = "callToolWithProgress", ["name"] = "run_script", ["arguments"] = new JsonObject { ["code"] = LongScript } });

        var progress = report.Result(0)["progress"]!.AsArray();
        report.Result(0)["result"]!.AsObject().Structured()["result"]!.GetValue<bool>().Should().BeTrue();
        progress.Should().NotBeEmpty("a call running for seconds reports progress");
        progress.Select(p => p!["progress"]!.GetValue<double>()).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        progress[0]!["message"]!.GetValue<string>().Should().StartWith("run_script: still running");
    }

    [Theory]
    [InlineData("run_script", "code", EndlessScript)]
    [InlineData("run_readonly_sql", "sql", EndlessQuery)]
    public async Task An_aborted_call_is_cancelled_on_the_server_and_the_next_call_is_answered(string tool, string argument, string endless)
    {
        // Limits far beyond the 1.5 s abort: on a loaded machine the demo's 5 s statement limit could otherwise stop
        // the query first, and the entry would rightly say "refused".
        var folder = _env.WithGenerousLimits("cancel-" + tool);
        await using var server = await HttpTestServer.StartAsync(folder, anonymousRole: "analyst");
        var marker = Guid.NewGuid().ToString("n");
        var arguments = new JsonObject { [argument] = endless + " /* " + marker + " */" };

        var report = await HttpPlans.RunAsync("http", server.McpUrl, key: null,
            new JsonObject { ["op"] = "callToolThenAbort", ["name"] = tool, ["arguments"] = arguments, ["abortAfterMs"] = 1500 },
            McpDriver.Call("run_script", new { code = "6 * 7" }),
            McpDriver.Call("run_readonly_sql", new { sql = "SELECT 42 AS answer" }));

        report.Result(0)["aborted"]!.GetValue<bool>().Should().BeTrue();
        report.Result(1).Structured()["result"]!.GetValue<int>().Should().Be(42, "the pool recovers after the worker is killed");
        report.Result(2).Structured()["row_count"]!.GetValue<int>().Should().Be(1);
        var entry = await WaitForAuditAsync(Path.Combine(folder, "data", "audit.jsonl"), marker);
        entry.Tool.Should().Be(tool);
        entry.Verdict.Should().Be("cancelled", "the work stopped because the client cancelled; a limit (60 s statement, 120 s script here) would be 'refused'");
    }

    private static async Task<AuditEntry> WaitForAuditAsync(string auditPath, string marker)
    {
        // The entry is written when the server has stopped the work; two minutes cover a loaded machine.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            var hit = File.ReadLines(auditPath).Where(l => l.Contains(marker, StringComparison.Ordinal)).Select(l => AuditChain.Parse(l)!).FirstOrDefault();
            if (hit is not null)
            {
                return hit;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("no audit entry for the cancelled call");
    }
}
