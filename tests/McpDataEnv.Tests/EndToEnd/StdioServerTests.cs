using System.Security.Cryptography;
using System.Text.Json.Nodes;
using McpDataEnv.Core.Governance.Audit;
using McpDataEnv.Tests.Support;

namespace McpDataEnv.Tests.EndToEnd;

/// <summary>
/// The real server over stdio, driven by the official TypeScript MCP client. The tests share one server (the fixture's
/// session) except the start-up test, which needs a server of its own.
/// </summary>
public sealed class StdioServerTests : IClassFixture<SeededEnvironment>
{
    private readonly SeededEnvironment _env;

    public StdioServerTests(SeededEnvironment env) => _env = env;

    [Fact]
    public async Task Initialize_answers_with_server_info_and_instructions_and_stdout_carries_only_protocol_frames()
    {
        var report = await McpDriver.RunAsync(McpDriver.StdioServer(_env.Folder), McpDriver.Op("ping"));

        report.Initialize["serverInfo"]!["name"]!.GetValue<string>().Should().Be("mcpdataenv");
        var instructions = report.Initialize["instructions"]!.GetValue<string>();
        instructions.Should().Contain("SQLite").And.Contain("orders").And.Contain("describe_schema");
        var tablesLine = instructions.Split('\n').Single(l => l.StartsWith("Tables:", StringComparison.Ordinal));
        tablesLine.Should().Contain("order_items").And.NotContain("payroll", "the default analyst role may not read payroll");
        report.TransportErrors.Should().BeEmpty("stdout must carry nothing but JSON-RPC frames");
        report.Result(0).Should().NotBeNull();
    }

    [Fact]
    public async Task Tools_list_offers_the_foundation_tools_with_honest_annotations_and_output_schemas()
    {
        var report = await _env.Sessions.RunAsync(McpDriver.StdioServer(_env.Folder), McpDriver.Op("listTools"));

        var tools = report.Result(0)["tools"]!.AsArray().Select(t => t!.AsObject()).ToDictionary(t => t["name"]!.GetValue<string>());
        tools.Keys.Should().Contain(["describe_schema", "run_readonly_sql"]);
        foreach (var name in new[] { "describe_schema", "run_readonly_sql" })
        {
            tools[name]["annotations"]!["readOnlyHint"]!.GetValue<bool>().Should().BeTrue();
            tools[name]["annotations"]!["destructiveHint"]!.GetValue<bool>().Should().BeFalse();
            tools[name]["outputSchema"].Should().NotBeNull();
        }
    }

    [Fact]
    public async Task Run_readonly_sql_answers_exact_counts_with_structured_rows()
    {
        var report = await _env.Sessions.RunAsync(
            McpDriver.StdioServer(_env.Folder),
            McpDriver.Call("run_readonly_sql", new { sql = "SELECT COUNT(*) AS n, COUNT(DISTINCT customer_id) AS c FROM orders" }),
            McpDriver.Call("run_readonly_sql", new { sql = "SELECT code, name FROM regions ORDER BY region_id" }));

        var count = report.Result(0).Structured();
        count["rows"]![0]![0]!.GetValue<long>().Should().Be(60_000);
        count["columns"]![0]!["name"]!.GetValue<string>().Should().Be("n");
        count["truncated"]!.GetValue<bool>().Should().BeFalse();

        var regions = report.Result(1).Structured()["rows"]!.AsArray().Select(r => r![0]!.GetValue<string>());
        regions.Should().Equal("NA", "EMEA", "APAC", "LATAM");
    }

    [Fact]
    public async Task Run_readonly_sql_says_truncated_when_more_rows_exist_than_max_rows()
    {
        var report = await _env.Sessions.RunAsync(
            McpDriver.StdioServer(_env.Folder),
            McpDriver.Call("run_readonly_sql", new { sql = "SELECT order_id FROM orders ORDER BY order_id", max_rows = 5 }),
            McpDriver.Call("run_readonly_sql", new { sql = "SELECT region_id FROM regions", max_rows = 4 }));

        var capped = report.Result(0);
        capped.Structured()["row_count"]!.GetValue<int>().Should().Be(5);
        capped.Structured()["truncated"]!.GetValue<bool>().Should().BeTrue();
        capped.Text().Should().Contain("TRUNCATED");
        report.Result(1).Structured()["truncated"]!.GetValue<bool>().Should().BeFalse("exactly max_rows rows existed");
    }

    [Fact]
    public async Task Write_attempts_are_refused_with_a_stable_code_and_leave_the_database_byte_identical()
    {
        var before = Hash(_env.DatabasePath);
        string[] attacks =
        [
            "DELETE FROM orders",
            "SELECT 1; DELETE FROM orders",
            "/* harmless */ DROP TABLE orders",
            "WITH d AS (DELETE FROM orders RETURNING *) SELECT * FROM d",
            "UPDATE products SET unit_price = 0",
            "ATTACH DATABASE '/tmp/evil.db' AS evil",
            "PRAGMA writable_schema = 1",
            "VACUUM INTO '/tmp/copy.db'",
            "INSERT INTO regions VALUES (9, 'XX', 'x')",
            "BEGIN; DELETE FROM orders; COMMIT",
        ];

        var report = await _env.Sessions.RunAsync(McpDriver.StdioServer(_env.Folder), attacks.Select(sql => McpDriver.Call("run_readonly_sql", new { sql })).ToArray());

        for (var i = 0; i < attacks.Length; i++)
        {
            report.Result(i).ErrorCode().Should().BeOneOf(["sql_rejected", "engine_refused"], attacks[i]);
        }

        Hash(_env.DatabasePath).Should().Be(before);
    }

    [Fact]
    public async Task Read_queries_that_merely_mention_write_keywords_in_strings_are_answered()
    {
        var report = await _env.Sessions.RunAsync(
            McpDriver.StdioServer(_env.Folder),
            McpDriver.Call("run_readonly_sql", new { sql = "SELECT COUNT(*) FROM products WHERE name = 'DROP TABLE orders; DELETE'" }),
            McpDriver.Call("run_readonly_sql", new { sql = "SELECT 'update' AS \"delete\" -- ; DROP TABLE x" }));

        report.Result(0).Structured()["rows"]![0]![0]!.GetValue<long>().Should().Be(0);
        report.Result(1).Structured()["rows"]![0]![0]!.GetValue<string>().Should().Be("update");
    }

    [Fact]
    public async Task Describe_schema_shows_the_default_role_only_what_it_may_read()
    {
        var report = await _env.Sessions.RunAsync(
            McpDriver.StdioServer(_env.Folder),
            McpDriver.Call("describe_schema"),
            McpDriver.Call("describe_schema", new { table = "orders" }),
            McpDriver.Call("describe_schema", new { table = "payroll" }),
            McpDriver.Call("describe_schema", new { table = "order" }));

        var tables = report.Result(0).Structured()["tables"]!.AsArray().Select(t => t!.AsObject()).ToDictionary(t => t["name"]!.GetValue<string>());
        tables.Keys.Should().BeEquivalentTo(["regions", "customers", "products", "orders", "order_items"]);
        var customerColumns = tables["customers"]["columns"]!.AsArray().Select(c => c!["name"]!.GetValue<string>());
        customerColumns.Should().Contain("customer_id").And.NotContain("email").And.NotContain("phone").And.NotContain("full_name");
        tables["products"]["columns"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).Should().NotContain("unit_cost");
        tables["orders"]["row_count"]!.GetValue<long>().Should().Be(60_000);
        tables["orders"]["foreign_keys"]!.AsArray().Should().NotBeEmpty();

        report.Result(1).Structured()["tables"]!.AsArray().Should().ContainSingle();
        report.Result(2).ErrorCode().Should().Be("not_found");
        report.Result(2).Text().Should().NotContain("did you mean", "a hidden table is never suggested or confirmed");
        report.Result(3).Text().Should().Contain("No table 'order' is visible to you (did you mean 'orders'?)");
    }

    [Fact]
    public async Task Reading_a_pii_column_under_an_alias_is_refused_by_the_engine()
    {
        var report = await _env.Sessions.RunAsync(
            McpDriver.StdioServer(_env.Folder),
            McpDriver.Call("run_readonly_sql", new { sql = "SELECT email AS remark FROM customers LIMIT 1" }),
            McpDriver.Call("run_readonly_sql", new { sql = "SELECT COUNT(*) FROM customers WHERE phone LIKE '+1%'" }));

        report.Result(0).ErrorCode().Should().Be("access_denied");
        report.Result(0).Text().Should().Contain("email");
        report.Result(1).ErrorCode().Should().Be("access_denied");
    }

    [Fact]
    public async Task The_finance_role_reads_unit_cost_that_the_analyst_may_not()
    {
        var report = await _env.Sessions.RunAsync(
            McpDriver.StdioServer(_env.Folder, "--role", "finance"),
            McpDriver.Call("run_readonly_sql", new { sql = "SELECT SUM(unit_cost) > 0 FROM products" }));

        report.Result(0).Structured()["rows"]![0]![0]!.GetValue<long>().Should().Be(1);
    }

    [Fact]
    public async Task Resources_expose_the_policy_the_rules_and_the_annotated_schema()
    {
        var report = await _env.Sessions.RunAsync(
            McpDriver.StdioServer(_env.Folder),
            McpDriver.Op("listResources"),
            McpDriver.Op("readResource", "mcpdataenv://environment/safety_policy.md"),
            McpDriver.Op("readResource", "mcpdataenv://environment/business_rules.md"),
            McpDriver.Op("readResource", "mcpdataenv://environment/schema"));

        report.Result(0)["resources"]!.AsArray().Select(r => r!["uri"]!.GetValue<string>()).Should().BeEquivalentTo(
            "mcpdataenv://environment/safety_policy.md", "mcpdataenv://environment/business_rules.md", "mcpdataenv://environment/schema", "memory://core");
        Contents(report.Result(1)).Should().Contain("analyst");
        Contents(report.Result(2)).Should().Contain("revenue");
        JsonNode.Parse(Contents(report.Result(3)))!["tables"]!.AsArray().Should().NotBeEmpty();
    }

    [Fact]
    public async Task Invalid_arguments_get_an_actionable_refusal()
    {
        var report = await _env.Sessions.RunAsync(
            McpDriver.StdioServer(_env.Folder),
            McpDriver.Call("run_readonly_sql", new { sql = "SELECT 1", max_rows = 0 }),
            McpDriver.Call("run_readonly_sql", new { sql = "   " }),
            McpDriver.Call("run_readonly_sql", new { sql = "SELECT nope FROM orders" }));

        report.Result(0).ErrorCode().Should().Be("invalid_argument");
        report.Result(0).Text().Should().Contain("max_rows");
        report.Result(1).ErrorCode().Should().Be("invalid_argument");
        report.Result(2).ErrorCode().Should().Be("sql_error");
        report.Result(2).Text().Should().Contain("nope");
    }

    [Fact]
    public async Task Arguments_that_do_not_fit_the_input_schema_are_refused_by_name_and_audited()
    {
        var audited = File.Exists(_env.AuditPath) ? File.ReadLines(_env.AuditPath).Count() : 0;

        var report = await _env.Sessions.RunAsync(
            McpDriver.StdioServer(_env.Folder),
            McpDriver.Call("run_readonly_sql", new { query = "SELECT 1" }),
            McpDriver.Call("run_readonly_sql", new { sql = "SELECT 1", max_rows = "5" }),
            McpDriver.Call("run_readonly_sql", new { sql = "SELECT 1", maxrows = 1 }),
            McpDriver.Call("triangulate_metric", new { metric = "revenue", sql = "SELECT 1" }));

        report.Result(0).ErrorCode().Should().Be("invalid_argument");
        report.Result(0).Text().Should().Contain("no argument 'query'").And.Contain("sql, max_rows, plan_id");
        report.Result(1).Text().Should().Contain("max_rows must be a whole number");
        report.Result(2).Text().Should().Contain("did you mean 'max_rows'?", "a misspelt optional argument is not silently ignored");
        report.Result(3).Text().Should().Contain("script is required");
        var entries = File.ReadLines(_env.AuditPath).Skip(audited).Select(l => AuditChain.Parse(l)!).ToList();
        entries.Select(e => (e.Tool, e.Verdict, e.Code)).Should().Equal(
            ("run_readonly_sql", "refused", "invalid_argument"),
            ("run_readonly_sql", "refused", "invalid_argument"),
            ("run_readonly_sql", "refused", "invalid_argument"),
            ("triangulate_metric", "refused", "invalid_argument"));
    }

    private static string Contents(JsonObject read) => read["contents"]![0]!["text"]!.GetValue<string>();

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
