using System.Globalization;
using System.Text.Json.Nodes;
using McpDataEnv.Core.Governance.Audit;
using McpDataEnv.Tests.Support;

namespace McpDataEnv.Tests.EndToEnd;

/// <summary>The policy, row filters, check_request and the audit trail, through the real server and the official client.</summary>
public sealed class GovernanceEndToEndTests : IClassFixture<GovernedEnvironment>
{
    private const string Revenue = "oi.quantity * oi.unit_price * (1 - oi.discount)";
    private readonly GovernedEnvironment _env;

    public GovernanceEndToEndTests(GovernedEnvironment env) => _env = env;

    public static TheoryData<string> Roles => new() { "analyst", "finance", "emea_manager", "hr" };

    [Fact]
    public void There_are_at_least_forty_leak_attempts() => GovernanceCases.AnalystLeaks.Should().HaveCountGreaterThanOrEqualTo(40);

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Each_role_gets_exactly_what_the_policy_allows(string role)
    {
        var cases = role switch
        {
            "analyst" => GovernanceCases.Analyst,
            "finance" => GovernanceCases.Finance,
            "emea_manager" => GovernanceCases.EmeaManager,
            _ => GovernanceCases.Hr,
        };

        var report = await McpDriver.RunAsync(
            McpDriver.StdioServer(_env.Folder, "--role", role),
            [.. cases.Select(c => McpDriver.Call("run_readonly_sql", new { sql = c.Sql }))]);

        var outcomes = cases.Select((c, i) => (c.Sql, Actual: Outcome(report.Result(i)))).ToList();
        outcomes.Select(o => $"{o.Actual}: {o.Sql}").Should().Equal(cases.Select(c => $"{c.Expected}: {c.Sql}"));
    }

    [Fact]
    public async Task Emea_manager_revenue_by_every_route_equals_EMEA_only_revenue()
    {
        string[] routes =
        [
            $"SELECT SUM({Revenue}) FROM order_items oi JOIN orders o ON o.order_id = oi.order_id WHERE o.status = 'completed'",
            $"WITH l AS (SELECT {Revenue} AS v FROM order_items oi JOIN orders o ON o.order_id = oi.order_id WHERE o.status = 'completed') SELECT SUM(v) FROM l",
            $"SELECT SUM({Revenue}) FROM order_items oi WHERE oi.order_id IN (SELECT order_id FROM orders WHERE status = 'completed')",
            $"SELECT DISTINCT SUM({Revenue}) OVER () FROM order_items oi JOIN orders o ON o.order_id = oi.order_id WHERE o.status = 'completed'",
            $"SELECT SUM(r) FROM (SELECT o.region_id, SUM({Revenue}) AS r FROM order_items oi JOIN orders o ON o.order_id = oi.order_id WHERE o.status = 'completed' GROUP BY o.region_id)",
        ];
        var direct = $"SELECT SUM({Revenue}) FROM order_items oi JOIN orders o ON o.order_id = oi.order_id JOIN regions r ON r.region_id = o.region_id WHERE o.status = 'completed' AND r.code = 'EMEA'";

        var emea = await McpDriver.RunAsync(McpDriver.StdioServer(_env.Folder, "--role", "emea_manager"), [.. routes.Select(sql => McpDriver.Call("run_readonly_sql", new { sql }))]);
        var finance = await McpDriver.RunAsync(McpDriver.StdioServer(_env.Folder, "--role", "finance"), McpDriver.Call("run_readonly_sql", new { sql = direct }));

        var expected = Scalar(finance.Result(0));
        for (var i = 0; i < routes.Length; i++)
        {
            Scalar(emea.Result(i)).Should().BeApproximately(expected, 1e-6 * expected, routes[i]);
        }
    }

    [Fact]
    public async Task Check_request_refuses_personal_data_and_returns_rules_metrics_and_a_plan()
    {
        var report = await McpDriver.RunAsync(
            McpDriver.StdioServer(_env.Folder),
            McpDriver.Call("check_request", new { question = "Email all churned customers", columns = new[] { "customers.email" } }),
            McpDriver.Call("check_request", new { question = "Revenue by month", tables = new[] { "orders", "order_items" }, metrics = new[] { "revenue" } }),
            McpDriver.Call("describe_schema", new { table = "orders" }));

        var refused = report.Result(0).Structured();
        refused["allowed"]!.GetValue<bool>().Should().BeFalse();
        refused["violations"]![0]!["rule"]!.GetValue<string>().Should().Be("analyst.deny_columns");
        var allowed = report.Result(1).Structured();
        allowed["allowed"]!.GetValue<bool>().Should().BeTrue();
        allowed["plan_id"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        allowed["metric_definitions"]![0]!["sql"]!.GetValue<string>().Should().Contain("status = 'completed'");
    }

    [Fact]
    public async Task Describe_schema_tells_emea_manager_its_rows_are_filtered()
    {
        var report = await McpDriver.RunAsync(McpDriver.StdioServer(_env.Folder, "--role", "emea_manager"), McpDriver.Call("describe_schema", new { table = "orders" }));

        var table = report.Result(0).Structured()["tables"]![0]!;
        table["description"]!.GetValue<string>().Should().Contain("filtered for your role");
        table["row_count"]!.GetValue<long>().Should().Be(-1);
    }

    [Fact]
    public async Task Every_tool_call_appends_an_audit_entry_and_the_chain_verifies()
    {
        var marker = $"SELECT {Guid.NewGuid().GetHashCode() & 0xFFFF} AS audit_marker";
        await McpDriver.RunAsync(
            McpDriver.StdioServer(_env.Folder),
            McpDriver.Call("run_readonly_sql", new { sql = marker }),
            McpDriver.Call("run_readonly_sql", new { sql = "SELECT email FROM customers" }));

        var entries = File.ReadLines(_env.AuditPath).Select(l => AuditChain.Parse(l)!).ToList();
        var mine = entries.SkipWhile(e => e.Arguments.GetValueOrDefault("sql") != marker).ToList();
        mine.Should().HaveCountGreaterThanOrEqualTo(2);
        mine[0].Should().BeEquivalentTo(new { Tool = "run_readonly_sql", Role = "analyst", Verdict = "ok", Rows = 1L });
        mine[1].Should().BeEquivalentTo(new { Verdict = "refused", Code = "access_denied" });
        mine[1].Rules.Should().Equal("analyst.deny_columns");
        AuditVerifier.VerifyFile(_env.AuditPath).Valid.Should().BeTrue();
        var verify = await ProcessRunner.RunCliAsync("audit", "verify", "--env", _env.Folder);
        verify.ExitCode.Should().Be(0, verify.Stderr);
    }

    [Fact]
    public async Task Analyze_prompt_walks_through_describe_check_query_and_triangulate()
    {
        var report = await McpDriver.RunAsync(
            McpDriver.StdioServer(_env.Folder),
            McpDriver.Op("listPrompts"),
            new JsonObject { ["op"] = "getPrompt", ["name"] = "analyze", ["arguments"] = new JsonObject { ["question"] = "What was revenue in 2025?" } });

        report.Result(0)["prompts"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).Should().Contain("analyze");
        var text = report.Result(1)["messages"]![0]!["content"]!["text"]!.GetValue<string>();
        text.Should().Contain("What was revenue in 2025?").And.Contain("describe_schema").And.Contain("check_request").And.Contain("triangulate_metric");
    }

    private static string Outcome(JsonObject result) => result.IsError() ? result.ErrorCode() : GovernanceCases.Ok;

    private static double Scalar(JsonObject result) =>
        Convert.ToDouble(result.Structured()["rows"]![0]![0]!.ToString(), CultureInfo.InvariantCulture);
}
