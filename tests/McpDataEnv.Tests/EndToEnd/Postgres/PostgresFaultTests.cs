using McpDataEnv.Tests.Support;

namespace McpDataEnv.Tests.EndToEnd.Postgres;

/// <summary>PostgreSQL going away and coming back under a live server, on a cluster of the test's own.</summary>
public sealed class PostgresFaultTests : IClassFixture<DedicatedPostgresCluster>
{
    private const string Count = "SELECT count(*) FROM orders";
    private readonly DedicatedPostgresCluster _cluster;

    public PostgresFaultTests(DedicatedPostgresCluster cluster) => _cluster = cluster;

    [Fact]
    public async Task A_restart_mid_session_is_survived_without_restarting_the_server()
    {
        var report = await McpDriver.RunAsync(_cluster.Server(),
            McpDriver.Call("run_readonly_sql", new { sql = Count }),
            _cluster.PgCtlStep("-m fast restart"),
            McpDriver.Call("run_readonly_sql", new { sql = Count }),
            McpDriver.Call("describe_schema", new { table = "orders" }));

        report.Result(0).Structured()["rows"]![0]![0]!.GetValue<long>().Should().Be(60_000);
        report.Result(1).Should().NotBeNull();
        report.Result(2).Structured()["rows"]![0]![0]!.GetValue<long>().Should().Be(60_000, "the pool must drop dead connections and reconnect");
        report.Result(3).IsError().Should().BeFalse(report.Result(3).Text());
    }

    [Fact]
    public async Task Down_at_start_the_server_still_starts_answers_database_unavailable_and_recovers_when_the_database_returns()
    {
        await _cluster.PgCtlAsync("-m fast stop");
        var report = await McpDriver.RunAsync(_cluster.Server(),
            McpDriver.Call("run_readonly_sql", new { sql = Count }),
            McpDriver.Call("describe_schema"),
            _cluster.StartStep(),
            McpDriver.Call("run_readonly_sql", new { sql = Count }));

        report.Result(0).ErrorCode().Should().Be("database_unavailable");
        report.Result(0).Text().Should().Contain("not reachable");
        report.Result(1).ErrorCode().Should().Be("database_unavailable");
        report.Result(2).Should().NotBeNull();
        report.Result(3).Structured()["rows"]![0]![0]!.GetValue<long>().Should().Be(60_000);
        report.Root.ToJsonString().Should().NotContain(_cluster.Password);
        report.Stderr.Should().NotContain(_cluster.Password);
    }

    [Fact]
    public async Task With_the_database_down_a_call_that_needs_no_query_is_refused_because_it_cannot_be_audited()
    {
        var question = new { question = "Revenue by month", tables = new[] { "orders", "order_items" }, metrics = new[] { "revenue" } };
        var report = await McpDriver.RunAsync(_cluster.Server(),
            McpDriver.Call("check_request", question),
            _cluster.PgCtlStep("-m fast stop"),
            McpDriver.Call("check_request", question),
            _cluster.StartStep(),
            McpDriver.Call("check_request", question));

        report.Result(0).IsError().Should().BeFalse(report.Result(0).Text());
        report.Result(2).ErrorCode().Should().Be("database_unavailable", "check_request reads no data, but its answer may not leave unaudited");
        report.Result(2).Text().Should().Contain("audit trail").And.NotContain(_cluster.Password);
        report.Result(4).IsError().Should().BeFalse("the audit trail reconnects once the database is back: " + report.Result(4).Text());
    }

    [Fact]
    public async Task A_schema_read_whose_connection_is_dropped_mid_read_is_retried_on_a_fresh_connection()
    {
        // An admin session locks pg_constraint, which the schema reader's first catalog query needs, so the read is
        // caught between its setup and its rollback; the admin then terminates that backend (waiting until it is gone)
        // and commits. The read must fail with the dropped connection's own error, which is retried; a rollback that
        // throws on the dead connection would hide it behind an internal fault.
        var log = Path.Combine(_cluster.Directory, "schema-read-terminator.log");
        var terminator = _cluster.PsqlCommand(
            "BEGIN; LOCK TABLE pg_catalog.pg_constraint IN ACCESS EXCLUSIVE MODE; " +
            "DO 'DECLARE tries int := 0; BEGIN LOOP PERFORM pg_stat_clear_snapshot(); " +
            "PERFORM pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE application_name = ''mcpdataenv'' " +
            "AND wait_event_type = ''Lock'' AND query LIKE ''%obj_description%''; EXIT WHEN FOUND; tries := tries + 1; " +
            "IF tries > 600 THEN RAISE EXCEPTION ''no schema read waited for the lock''; END IF; PERFORM pg_sleep(0.05); END LOOP; END'; " +
            "COMMIT; SELECT 'terminated'");
        var lockHeld = _cluster.PsqlCommand(
            "SELECT count(*) FROM pg_locks WHERE relation = 'pg_catalog.pg_constraint'::regclass AND mode = 'AccessExclusiveLock' AND granted");
        var report = await McpDriver.RunAsync(_cluster.Server(),
            McpDriver.Call("describe_schema", new { table = "orders" }),
            Bash($"({terminator}) > '{log}' 2>&1 & for i in $(seq 200); do [ \"$({lockHeld})\" = 1 ] && exit 0; sleep 0.05; done; exit 1"),
            McpDriver.Call("describe_schema", new { table = "orders", refresh = true }),
            Bash($"for i in $(seq 200); do grep -q terminated '{log}' && break; sleep 0.05; done; cat '{log}'"));

        report.Result(0).IsError().Should().BeFalse(report.Result(0).Text());
        report.Result(1).Should().NotBeNull("the admin session holds the lock before the schema is read again");
        report.Result(2).IsError().Should().BeFalse("the dropped connection must be retried, not reported as a fault: " + report.Result(2).Text());
        report.Result(2).Text().Should().Contain("orders");
        report.Result(3)["stdout"]!.GetValue<string>().Should().Contain("terminated", "the schema read must really have lost its connection mid-read");
    }

    [Fact]
    public async Task A_query_cancelled_by_its_timeout_frees_its_connection_and_leaves_nothing_running()
    {
        const string Endless = "SELECT count(*) FROM order_items a, order_items b WHERE a.quantity + b.quantity < -1";
        var report = await McpDriver.RunAsync(_cluster.Server(),
            new System.Text.Json.Nodes.JsonObject
            {
                ["op"] = "parallel",
                ["steps"] = new System.Text.Json.Nodes.JsonArray(
                    McpDriver.Call("run_readonly_sql", new { sql = Endless }),
                    McpDriver.Call("run_readonly_sql", new { sql = Endless + " AND a.line_no > 0" })),
            },
            _cluster.PsqlStep("SELECT count(*) FILTER (WHERE state <> 'idle') || ' busy, ' || count(*) FILTER (WHERE state = 'idle') || ' idle' " +
                              "FROM pg_stat_activity WHERE application_name = 'mcpdataenv'"));

        foreach (var timedOut in report.Result(0)["outcomes"]!.AsArray())
        {
            timedOut!["ok"]!.GetValue<bool>().Should().BeTrue();
            timedOut["result"]!.AsObject().ErrorCode().Should().Be("timeout");
        }
        var activity = report.Result(1)["stdout"]!.GetValue<string>().Trim();
        activity.Should().MatchRegex("^0 busy, [1-9][0-9]* idle$", "the server's connections must be back in the pool, idle, with no statement or transaction left open");
    }

    /// <summary>A driver step running <paramref name="command"/> with bash (test-side, never sent to the server).</summary>
    private static System.Text.Json.Nodes.JsonObject Bash(string command) => new()
    {
        ["op"] = "exec",
        ["command"] = "bash",
        ["args"] = new System.Text.Json.Nodes.JsonArray("-c", command),
    };
}
