using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Scripting;

namespace McpDataEnv.Core.Tests.Scripting;

public sealed class WorkerPoolTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    /// <summary>A bridge whose query never returns: only the parent's watchdog or cancellation can end the run.</summary>
    private sealed class HangingSqlBridge : ISqlBridge
    {
        public async Task<SqlBridgeResult> QueryAsync(string sql, CancellationToken ct)
        {
            await Task.Delay(Timeout.Infinite, ct);
            return SqlBridgeResult.Ok("[]", 0);
        }
    }

    [Fact]
    public async Task Parallel_runs_beyond_the_concurrency_limit_queue_and_all_succeed()
    {
        var runs = Enumerable.Range(0, 10).Select(i => sandbox.RunAsync($"sum([{i}, 1])"));
        var results = await Task.WhenAll(runs);
        results.Select(r => r.ResultJson).Should().Equal(Enumerable.Range(0, 10).Select(i => (i + 1).ToString()));
    }

    [Fact]
    public async Task A_crashed_worker_is_replaced_and_the_next_script_succeeds()
    {
        await sandbox.Sandbox.WarmUpAsync();
        sandbox.Sandbox.KillIdleWorkersForTest();
        var result = await sandbox.RunAsync("'alive'");
        result.ResultJson.Should().Be("\"alive\"");
    }

    [Fact]
    public async Task The_watchdog_kills_a_worker_stuck_outside_the_interpreter()
    {
        var act = () => sandbox.RunAsync("sql('SELECT 1')", limits: SandboxFixture.ShortTimeout, sql: new HangingSqlBridge());
        var error = (await act.Should().ThrowAsync<DataEnvException>()).Which;
        error.Code.Should().Be(ErrorCodes.ScriptLimit);
        error.Details["limit"].Should().Be("timeout_ms");
        (await sandbox.RunAsync("1")).ResultJson.Should().Be("1");
    }

    [Fact]
    public async Task The_interpreter_ends_an_endless_loop_at_the_script_timeout_on_its_own()
    {
        // The parent's watchdog is pushed out of reach, so only the engine's own time limit can answer timeout_ms in
        // time; without it the loop would run on into the statement cap or the allocation budget (another limit).
        var roomyWatchdog = new ScriptSandboxOptions { WatchdogGrace = TimeSpan.FromMinutes(10) };
        await using var sandbox = new ScriptSandbox(SandboxFixture.ShortTimeout with { Workers = 1, MaxConcurrent = 1 }, roomyWatchdog);
        var run = sandbox.RunAsync(new ScriptRunRequest("while (true) {}", null, SandboxFixture.ShortTimeout), new FakeSqlBridge(), CancellationToken.None);

        var act = () => run.WaitAsync(TimeSpan.FromSeconds(60));
        var error = (await act.Should().ThrowAsync<DataEnvException>()).Which;
        error.Code.Should().Be(ErrorCodes.ScriptLimit);
        error.Details["limit"].Should().Be("timeout_ms");
        error.Details["limit_value"].Should().Be((long)SandboxFixture.ShortTimeout.TimeoutMs);
    }

    [Fact]
    public async Task Cancellation_stops_the_run_and_the_sandbox_stays_healthy()
    {
        // The default, roomy script limit: with a short one, a loaded machine could let the watchdog answer
        // script_limit before the 200 ms cancellation is even delivered.
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var act = () => sandbox.Sandbox.RunAsync(new ScriptRunRequest("while (true) {}", null, SandboxFixture.Limits), new FakeSqlBridge(), cts.Token);
        await act.Should().ThrowAsync<OperationCanceledException>();
        (await sandbox.RunAsync("1")).ResultJson.Should().Be("1");
    }

    [Fact]
    public async Task A_caller_queued_behind_busy_workers_can_cancel()
    {
        await using var single = new ScriptSandbox(SandboxFixture.Limits with { Workers = 1, MaxConcurrent = 1 });
        // Not a timeout test: the busy run only has to hold the only worker, then fail by whichever guard comes first
        // (the timeout or the statement cap); the short timeout just frees the worker sooner.
        var busy = single.RunAsync(new ScriptRunRequest("var t = 0; for (var i = 0; i < 1e9; i++) { t++; }", null, SandboxFixture.ShortTimeout), new FakeSqlBridge(), CancellationToken.None);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var queued = () => single.RunAsync(new ScriptRunRequest("1", null, SandboxFixture.Limits), new FakeSqlBridge(), cts.Token);
        await queued.Should().ThrowAsync<OperationCanceledException>();
        await FluentActions.Awaiting(() => busy).Should().ThrowAsync<DataEnvException>();
    }
}
