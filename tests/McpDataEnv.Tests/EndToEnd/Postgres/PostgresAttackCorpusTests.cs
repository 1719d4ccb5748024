using System.Text.Json.Nodes;
using McpDataEnv.Core.Tests.Sql;
using McpDataEnv.Tests.Support;

namespace McpDataEnv.Tests.EndToEnd.Postgres;

/// <summary>The PostgreSQL attack corpus replayed end to end against retail-postgres through the official client.</summary>
public sealed class PostgresAttackCorpusTests : IClassFixture<PostgresRetailEnvironment>
{
    private readonly PostgresRetailEnvironment _env;

    public PostgresAttackCorpusTests(PostgresRetailEnvironment env) => _env = env;

    [Fact]
    public async Task Every_attack_is_refused_or_harmless_and_every_table_is_identical_afterwards()
    {
        var gateAttacks = PostgresGateCorpus.Refused.Select(row => (string)row[0]).ToList();
        var refused = gateAttacks.Concat(PostgresEngineAttacks.Refused).ToList();
        var all = refused.Concat(PostgresEngineAttacks.Harmless).ToList();
        all.Count.Should().BeGreaterThanOrEqualTo(80);
        var before = await _env.ChecksumsAsync();

        var steps = all.Select(sql => McpDriver.Call("run_readonly_sql", new { sql, max_rows = 5 }))
            .Append(McpDriver.Call("run_readonly_sql", new { sql = "SELECT count(*) AS n FROM orders" }))
            .ToArray();
        var report = await _env.Sessions.RunAsync(_env.Server(), steps);

        for (var i = 0; i < refused.Count; i++)
        {
            report.Result(i).IsError().Should().BeTrue($"'{refused[i]}' must be refused, but it answered: {report.Result(i).Text()}");
        }
        for (var i = refused.Count; i < all.Count; i++)
        {
            report.Step(i)["ok"]!.GetValue<bool>().Should().BeTrue($"'{all[i]}' must get a tool result");
        }
        report.Result(all.Count).Structured()["rows"]![0]![0]!.GetValue<long>().Should().Be(60_000, "the server still answers after the corpus");
        report.TransportErrors.Should().BeEmpty();
        (await _env.ChecksumsAsync()).Should().Equal(before);
    }

    [Fact]
    public async Task Queries_run_as_the_reader_role_in_a_read_only_transaction()
    {
        var report = await _env.Sessions.RunAsync(_env.Server(),
            McpDriver.Call("run_readonly_sql", new { sql = "SELECT current_user::text AS u, current_setting('transaction_read_only') AS ro, current_setting('search_path') AS p" }));

        var row = report.Result(0).Structured()["rows"]![0]!.AsArray();
        row[0]!.GetValue<string>().Should().Be("mcpdataenv_reader");
        row[1]!.GetValue<string>().Should().Be("on");
        row[2]!.GetValue<string>().Should().StartWith("\"retail\", pg_catalog");
    }

    [Theory]
    [InlineData("has_column_privilege('mcpdataenv_reader', 'retail.customers', 'email', 'SELECT')", false)]
    [InlineData("has_column_privilege('mcpdataenv_reader', 'retail.customers', 'full_name', 'SELECT')", false)]
    [InlineData("has_column_privilege('mcpdataenv_reader', 'retail.customers', 'signup_date', 'SELECT')", true)]
    [InlineData("has_column_privilege('mcpdataenv_reader', 'retail.products', 'unit_cost', 'SELECT')", true)]
    [InlineData("has_table_privilege('mcpdataenv_reader', 'retail.payroll', 'SELECT')", true)]
    [InlineData("has_table_privilege('mcpdataenv_reader', 'retail.orders', 'INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')", false)]
    [InlineData("has_schema_privilege('mcpdataenv_reader', 'retail', 'CREATE')", false)]
    [InlineData("has_table_privilege('" + "e2e_login_probe', 'retail.orders', 'SELECT')", false)]
    public async Task The_reader_role_may_select_only_what_some_policy_role_may_read(string check, bool expected)
    {
        // No policy role may read customers' personal data (finance: unit_cost, hr: payroll), so the grant leaves it out.
        var sql = "SELECT " + check.Replace("e2e_login_probe", _env.Login, StringComparison.Ordinal);
        (await _env.AdminScalarAsync(sql)).Should().Be(expected, sql);
    }

    [Fact]
    public async Task The_connection_password_never_reaches_stderr_or_any_tool_result_including_failures()
    {
        var wrongPassword = _env.ServerConnectionString.Replace(_env.Password, _env.Password + "x", StringComparison.Ordinal);
        var steps = new[]
        {
            McpDriver.Call("describe_schema"),
            McpDriver.Call("run_readonly_sql", new { sql = "SELECT count(*) FROM orders" }),
            McpDriver.Call("run_readonly_sql", new { sql = "SELEC broken" }),
            McpDriver.Call("run_readonly_sql", new { sql = "SELECT * FROM payroll" }),
            McpDriver.Call("run_readonly_sql", new { sql = "SELECT current_setting('application_name'), inet_server_port()" }),
            McpDriver.Op("listResources"),
        };
        var good = await _env.Sessions.RunAsync(_env.Server(), steps);
        var bad = await _env.Sessions.RunAsync(_env.Server(wrongPassword), steps.Select(s => s.DeepClone().AsObject()).ToArray());

        foreach (var report in new[] { good, bad })
        {
            report.Root.ToJsonString().Should().NotContain(_env.Password).And.NotContain(_env.Login + ";");
            report.Stderr.Should().NotContain(_env.Password);
        }
        bad.Result(1).ErrorCode().Should().Be("database_unavailable");
    }
}
