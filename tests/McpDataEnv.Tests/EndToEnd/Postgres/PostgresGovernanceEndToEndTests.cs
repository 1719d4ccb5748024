using System.Text.Json.Nodes;
using McpDataEnv.Core.Governance.Audit.Postgres;
using McpDataEnv.Tests.Support;

namespace McpDataEnv.Tests.EndToEnd.Postgres;

/// <summary>
/// The per-role tables, leak attempts and revenue routes on retail-postgres (served under a login holding only the
/// reader and audit writer roles), and the audit trail as a table: one entry per call, linear across two server
/// processes, verified and shown by the CLI, tampering detected.
/// </summary>
public sealed class PostgresGovernanceEndToEndTests : GovernanceRoleTables, IClassFixture<PostgresGovernedEnvironment>
{
    private readonly PostgresGovernedEnvironment _env;

    public PostgresGovernanceEndToEndTests(PostgresGovernedEnvironment env) => _env = env;

    protected override GovernanceBackend Backend => GovernanceBackend.Postgres;

    protected override JsonObject Server(string role) => _env.Server(role);

    protected override McpSessions Sessions => _env.Retail.Sessions;

    [Fact]
    public Task A_catalog_function_or_cast_gets_one_refusal_whether_the_hidden_table_exists_or_not() =>
        OneRefusalForHiddenAndMissingAsync("no_such_table",
            "SELECT to_regclass('retail.{0}')", "SELECT 'retail.{0}'::regclass", "SELECT pg_table_size('retail.{0}')",
            "SELECT has_column_privilege('retail.{0}', 'salary', 'SELECT')", "SELECT pg_get_serial_sequence('retail.{0}', 'salary')");

    [Fact]
    public Task A_cast_to_a_tables_row_type_gets_one_refusal_whether_the_hidden_table_exists_or_not() =>
        OneRefusalForHiddenAndMissingAsync("nosuch",
            "SELECT (NULL::retail.{0}).*", "SELECT * FROM json_populate_record(NULL::retail.{0}, '{{}}')",
            "SELECT '(1,x,2)'::{0}", "SELECT * FROM json_to_record('{{}}') AS x(a retail.{0})");

    /// <summary>
    /// Each template, filled once with the hidden payroll table and once with <paramref name="missing"/>, gets the
    /// same analyst.catalog refusal, word for word, naming neither: otherwise the refusal tells which tables exist.
    /// </summary>
    private async Task OneRefusalForHiddenAndMissingAsync(string missing, params string[] templates)
    {
        var sqls = templates.SelectMany(p => new[] { string.Format(p, "payroll"), string.Format(p, missing) }).ToList();

        var report = await Sessions.RunAsync(_env.Server("analyst"), [.. sqls.Select(sql => McpDriver.Call("run_readonly_sql", new { sql }))]);

        for (var i = 0; i < sqls.Count; i += 2)
        {
            var hidden = report.Result(i);
            hidden.ErrorCode().Should().Be("access_denied", sqls[i]);
            hidden.Text().Should().Contain("analyst.catalog").And.Contain("describe_schema").And.NotContain("payroll");
            report.Result(i + 1).Text().Should().Be(hidden.Text(), "the refusal must not tell which tables exist");
        }
    }

    [Fact]
    public async Task Every_tool_call_appends_a_row_to_the_audit_table_which_verify_and_tail_read()
    {
        var marker = $"SELECT {Guid.NewGuid().GetHashCode() & 0xFFFF} AS audit_marker";
        await Sessions.RunAsync(_env.Server("analyst"),
            McpDriver.Call("run_readonly_sql", new { sql = marker }),
            McpDriver.Call("run_readonly_sql", new { sql = "SELECT email FROM customers" }));

        var row = await _env.Retail.AdminScalarAsync(
            $"SELECT string_agg(concat_ws('|', role, tool, verdict, code, rows), ';' ORDER BY seq) FROM " +
            $"(SELECT * FROM {PostgresAuditSchema.Table} WHERE seq >= (SELECT seq FROM {PostgresAuditSchema.Table} WHERE arguments->>'sql' = '{marker}') ORDER BY seq LIMIT 2) t");
        row.Should().Be("analyst|run_readonly_sql|ok|1;analyst|run_readonly_sql|refused|access_denied");

        var verify = await _env.CliAsync("audit", "verify", "--env", PostgresRetailEnvironment.Folder);
        verify.ExitCode.Should().Be(0, verify.Stderr);
        verify.Stdout.Should().Contain("hash chain intact").And.Contain(PostgresAuditSchema.Table);
        var tail = await _env.CliAsync("audit", "tail", "--env", PostgresRetailEnvironment.Folder, "-n", "200");
        tail.ExitCode.Should().Be(0, tail.Stderr);
        tail.Stdout.Should().Contain(marker).And.Contain("refused access_denied");
        (tail.Stdout + tail.Stderr + verify.Stdout + verify.Stderr).Should().NotContain(_env.Retail.Password);
    }

    [Fact]
    public async Task The_reader_role_cannot_see_the_audit_table_and_the_writer_role_cannot_change_it()
    {
        string[] checks =
        [
            $"has_table_privilege('mcpdataenv_reader', '{PostgresAuditSchema.Table}', 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE')",
            $"has_table_privilege('{PostgresAuditSchema.WriterRole}', '{PostgresAuditSchema.Table}', 'UPDATE, DELETE, TRUNCATE')",
            $"NOT has_table_privilege('{PostgresAuditSchema.WriterRole}', '{PostgresAuditSchema.Table}', 'INSERT')",
            $"has_table_privilege('{_env.Retail.Login}', '{PostgresAuditSchema.Table}', 'SELECT')",
        ];
        foreach (var check in checks)
        {
            (await _env.Retail.AdminScalarAsync("SELECT " + check)).Should().Be(false, check);
        }

        var report = await Sessions.RunAsync(_env.Server("finance"),
            McpDriver.Call("run_readonly_sql", new { sql = $"SELECT count(*) FROM {PostgresAuditSchema.Table}" }),
            McpDriver.Call("run_readonly_sql", new { sql = "SELECT count(*) FROM mcpdataenv_audit.entries e WHERE e.verdict = 'ok'" }));
        report.Result(0).IsError().Should().BeTrue("the model must not read other callers' SQL from the audit trail");
        report.Result(1).IsError().Should().BeTrue();
    }

    [Fact]
    public async Task Two_server_processes_answering_two_thousand_concurrent_calls_leave_one_valid_chain()
    {
        // 20 lanes of 50 calls in flight per process (every fifth lane a refused leak): enough to race the two
        // writers on every append without queueing queries past their timeout on a 2-core machine.
        var run = Guid.NewGuid().ToString("N")[..8];
        JsonObject Burst(string server) => new()
        {
            ["op"] = "parallel",
            ["steps"] = new JsonArray([.. Enumerable.Range(0, 20).Select(lane => (JsonNode)new JsonObject
            {
                ["op"] = "repeat",
                ["times"] = 50,
                ["step"] = McpDriver.Call("run_readonly_sql", new
                {
                    sql = lane % 5 == 0 ? $"SELECT email FROM customers -- {run} {server} {lane}" : $"SELECT {lane} AS n -- {run} {server} {lane}",
                }),
            })]),
        };

        var reports = await Task.WhenAll(
            McpDriver.RunAsync(_env.Server("analyst"), Burst("a")),
            McpDriver.RunAsync(_env.Server("analyst"), Burst("b")));

        foreach (var report in reports)
        {
            var outcomes = report.Result(0)["outcomes"]!.AsArray().SelectMany(lane => lane!["result"]!["outcomes"]!.AsArray()).ToList();
            outcomes.Should().HaveCount(1_000).And.OnlyContain(o => o!["ok"]!.GetValue<bool>());
            var errors = outcomes.Where(o => o!["result"]!.AsObject().IsError()).Select(o => o!["result"]!.AsObject().ErrorCode()).ToList();
            errors.Should().HaveCount(200, "every fifth lane is a refused leak and nothing else fails: " + string.Join(", ", errors.Distinct()))
                .And.OnlyContain(code => code == "access_denied");
        }

        (await _env.Retail.AdminScalarAsync($"SELECT count(*) FROM {PostgresAuditSchema.Table} WHERE arguments->>'sql' LIKE '%-- {run} %'"))
            .Should().Be(2_000L);
        var verify = await _env.CliAsync("audit", "verify", "--env", PostgresRetailEnvironment.Folder);
        verify.ExitCode.Should().Be(0, verify.Stderr);
    }

    [Fact]
    public async Task Verify_names_a_row_edited_by_an_admin_who_switched_the_triggers_off()
    {
        await Sessions.RunAsync(_env.Server("hr"), McpDriver.Call("run_readonly_sql", new { sql = "SELECT count(*) FROM payroll" }));
        var seq = (long)(await _env.Retail.AdminScalarAsync($"SELECT max(seq) FROM {PostgresAuditSchema.Table} WHERE role = 'hr'"))!;
        var table = PostgresAuditSchema.Table;

        await _env.Retail.AdminAsync($"ALTER TABLE {table} DISABLE TRIGGER USER", $"UPDATE {table} SET role = 'analyst' WHERE seq = {seq}");
        var broken = await _env.CliAsync("audit", "verify", "--env", PostgresRetailEnvironment.Folder);
        await _env.Retail.AdminAsync($"UPDATE {table} SET role = 'hr' WHERE seq = {seq}", $"ALTER TABLE {table} ENABLE TRIGGER USER");
        var repaired = await _env.CliAsync("audit", "verify", "--env", PostgresRetailEnvironment.Folder);

        broken.ExitCode.Should().Be(1, broken.Stdout);
        broken.Stderr.Should().Contain($"(seq {seq})").And.Contain("entry edited");
        repaired.ExitCode.Should().Be(0, repaired.Stderr);
    }
}
