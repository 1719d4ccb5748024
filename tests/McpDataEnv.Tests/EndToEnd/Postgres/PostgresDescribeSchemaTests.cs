using System.Text.Json.Nodes;
using McpDataEnv.Tests.Support;

namespace McpDataEnv.Tests.EndToEnd.Postgres;

/// <summary>describe_schema on retail-postgres: the engine's catalog merged with schema.yaml, cached, refreshed on demand.</summary>
public sealed class PostgresDescribeSchemaTests : IClassFixture<PostgresRetailEnvironment>
{
    private readonly PostgresRetailEnvironment _env;

    public PostgresDescribeSchemaTests(PostgresRetailEnvironment env) => _env = env;

    [Fact]
    public async Task Tables_come_with_engine_types_nullability_keys_row_estimates_and_annotations()
    {
        var report = await McpDriver.RunAsync(_env.Server(), McpDriver.Call("describe_schema"));

        var schema = report.Result(0).Structured();
        schema["dialect"]!.GetValue<string>().Should().Be("postgresql");
        var tables = schema["tables"]!.AsArray().Select(t => t!.AsObject()).ToDictionary(t => t["name"]!.GetValue<string>());
        tables.Keys.Should().Contain(["orders", "order_items", "customers"]).And.NotContain("payroll", "analysts may not read payroll");

        var items = tables["order_items"];
        items["row_count"]!.GetValue<long>().Should().Be(180_051, "ANALYZE after the seed makes the estimate exact");
        items["primary_key"]!.AsArray().Select(c => c!.GetValue<string>()).Should().Equal("order_id", "line_no");
        items["foreign_keys"]!.AsArray().Select(k => k!["references_table"]!.GetValue<string>()).Should().BeEquivalentTo(["orders", "products"]);
        var price = Column(items, "unit_price");
        price["type"]!.GetValue<string>().Should().Be("numeric(12,2)");
        price["nullable"]!.GetValue<bool>().Should().BeFalse();
        price["description"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace("schema.yaml annotates it");
        Column(tables["customers"], "churned_on")["nullable"]!.GetValue<bool>().Should().BeTrue();
        tables["customers"]["columns"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).Should().NotContain("email");
    }

    [Fact]
    public async Task A_new_table_and_its_COMMENT_appear_only_after_describe_schema_is_asked_to_refresh()
    {
        const string Ddl =
            "CREATE TABLE retail.returns (return_id integer PRIMARY KEY, order_id bigint NOT NULL REFERENCES retail.orders (order_id), reason text); " +
            "COMMENT ON TABLE retail.returns IS 'Returned orders, one row per return.'; " +
            "COMMENT ON COLUMN retail.returns.reason IS 'Free text given by the customer.'; " +
            "GRANT SELECT ON retail.returns TO mcpdataenv_reader;";
        var after = await McpDriver.RunAsync(_env.Server(),
            McpDriver.Call("describe_schema"),
            PsqlStep.Create(_env.AdminDatabaseConnectionString, Ddl),
            McpDriver.Call("describe_schema"),
            McpDriver.Call("describe_schema", new { refresh = true }));

        Names(after.Result(0)).Should().NotContain("returns");
        after.Result(1).Should().NotBeNull();
        Names(after.Result(2)).Should().NotContain("returns", "describe_schema answers from its cache until asked to refresh");
        var tables = after.Result(3).Structured()["tables"]!.AsArray().Select(t => t!.AsObject()).ToDictionary(t => t["name"]!.GetValue<string>());
        tables.Should().ContainKey("returns");
        tables["returns"]["description"]!.GetValue<string>().Should().Be("Returned orders, one row per return.");
        Column(tables["returns"], "reason")["description"]!.GetValue<string>().Should().Be("Free text given by the customer.");
        tables["returns"]["foreign_keys"]![0]!["references_table"]!.GetValue<string>().Should().Be("orders");
    }

    private static IEnumerable<string> Names(JsonObject result) =>
        result.Structured()["tables"]!.AsArray().Select(t => t!["name"]!.GetValue<string>());

    private static JsonObject Column(JsonObject table, string name) =>
        table["columns"]!.AsArray().Select(c => c!.AsObject()).Single(c => c["name"]!.GetValue<string>() == name);
}
