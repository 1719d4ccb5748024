using System.Text.Json.Nodes;
using McpDataEnv.Core.Governance.Audit;
using McpDataEnv.Tests.Support;

namespace McpDataEnv.Tests.EndToEnd;

/// <summary>The policy, row filters, check_request and the audit trail, through the real server and the official client.</summary>
public sealed class GovernanceEndToEndTests : GovernanceRoleTables, IClassFixture<GovernedEnvironment>
{
    private readonly GovernedEnvironment _env;

    public GovernanceEndToEndTests(GovernedEnvironment env) => _env = env;

    protected override GovernanceBackend Backend => GovernanceBackend.Sqlite;

    protected override JsonObject Server(string role) => McpDriver.StdioServer(_env.Folder, "--role", role);

    protected override McpSessions Sessions => _env.Sessions;

    [Fact]
    public async Task Check_request_refuses_personal_data_and_returns_rules_metrics_and_a_plan()
    {
        var report = await _env.Sessions.RunAsync(
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
        var report = await _env.Sessions.RunAsync(McpDriver.StdioServer(_env.Folder, "--role", "emea_manager"), McpDriver.Call("describe_schema", new { table = "orders" }));

        var table = report.Result(0).Structured()["tables"]![0]!;
        table["description"]!.GetValue<string>().Should().Contain("filtered for your role");
        table["row_count"]!.GetValue<long>().Should().Be(-1);
    }

    [Fact]
    public async Task Every_tool_call_appends_an_audit_entry_and_the_chain_verifies()
    {
        var marker = $"SELECT {Guid.NewGuid().GetHashCode() & 0xFFFF} AS audit_marker";
        await _env.Sessions.RunAsync(
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
        var report = await _env.Sessions.RunAsync(
            McpDriver.StdioServer(_env.Folder),
            McpDriver.Op("listPrompts"),
            new JsonObject { ["op"] = "getPrompt", ["name"] = "analyze", ["arguments"] = new JsonObject { ["question"] = "What was revenue in 2025?" } });

        report.Result(0)["prompts"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).Should().Contain("analyze");
        var text = report.Result(1)["messages"]![0]!["content"]!["text"]!.GetValue<string>();
        text.Should().Contain("What was revenue in 2025?").And.Contain("describe_schema").And.Contain("check_request").And.Contain("triangulate_metric");
    }
}
