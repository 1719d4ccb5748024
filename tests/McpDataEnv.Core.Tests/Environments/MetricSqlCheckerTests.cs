using McpDataEnv.Core.Backends.Sqlite;
using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Metrics;
using McpDataEnv.Core.Sql;
using McpDataEnv.Core.Tests.Backends.Sqlite;

namespace McpDataEnv.Core.Tests.Environments;

/// <summary>Every metric's canonical SQL is run on the live database (here the seeded SQLite demo) through the read-only path.</summary>
public sealed class MetricSqlCheckerTests : IClassFixture<SeededDatabase>
{
    private const string Revenue = """
        SELECT SUM(oi.quantity * oi.unit_price * (1 - oi.discount)) AS revenue
        FROM order_items oi
        JOIN orders o ON o.order_id = oi.order_id
        WHERE o.status = 'completed'
        """;

    private readonly SeededDatabase _db;
    private readonly ReadOnlyQueryService _queries;

    public MetricSqlCheckerTests(SeededDatabase db)
    {
        _db = db;
        _queries = new ReadOnlyQueryService(new ReadOnlySqlGate(), db.Backend, LimitSettings.Defaults);
    }

    private static BusinessRules Rules(params (string Name, string Sql)[] metrics) => new(
        metrics.ToDictionary(m => m.Name, m => new MetricDefinition(m.Name, "A metric.", null, m.Sql, null)), "", "");

    private Task<IReadOnlyList<ConfigError>> CheckAsync(params (string Name, string Sql)[] metrics) =>
        MetricSqlChecker.CheckAsync(Rules(metrics), "business_rules.md", _queries, CancellationToken.None);

    [Fact]
    public async Task The_demo_metrics_run_clean()
    {
        var errors = await MetricSqlChecker.CheckAsync(DemoEnvironmentTests.Retail().Rules, "business_rules.md", _queries, CancellationToken.None);

        errors.Should().BeEmpty();
    }

    [Fact]
    public async Task A_misspelt_column_is_reported_with_file_and_key()
    {
        var errors = await CheckAsync(("revenue", Revenue.Replace("oi.quantity", "oi.quantty", StringComparison.Ordinal)));

        errors.Select(e => e.ToString()).Should().Equal("business_rules.md: metrics.revenue.sql: no such column: oi.quantty");
        errors[0].Key.Should().Be("metrics.revenue.sql");
    }

    [Fact]
    public async Task A_problem_names_the_rules_file_the_environment_reads()
    {
        var errors = await MetricSqlChecker.CheckAsync(Rules(("order_count", "SELECT COUNT(*) FROM ordres")), "../retail/business_rules.md", _queries, CancellationToken.None);

        errors.Should().ContainSingle().Which.File.Should().Be("../retail/business_rules.md");
    }

    [Fact]
    public async Task A_write_is_refused_by_the_gate_and_deletes_nothing()
    {
        var before = await CountOrdersAsync();

        var errors = await CheckAsync(("purge", "DELETE FROM orders WHERE status = 'cancelled'"));

        errors.Select(e => e.ToString()).Should().ContainSingle().Which.Should().StartWith("business_rules.md: metrics.purge.sql: ")
            .And.Contain("DELETE");
        (await CountOrdersAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Every_broken_metric_is_reported_at_once_and_the_sound_ones_are_not()
    {
        var errors = await CheckAsync(
            ("revenue", Revenue),
            ("typo", "SELECT COUNT(*) FROM orderz"),
            ("stacked", "SELECT 1; SELECT 2"));

        errors.Select(e => e.Key).Should().Equal("metrics.stacked.sql", "metrics.typo.sql");
        errors.Single(e => e.Key == "metrics.typo.sql").Message.Should().Contain("no such table: orderz");
    }

    [Theory]
    [InlineData("SELECT COUNT(*), SUM(quantity) FROM order_items", "returns 2 columns")]
    [InlineData("SELECT order_id FROM orders", "returns more than one row")]
    [InlineData("SELECT order_id FROM orders WHERE order_id < 0", "returns no rows")]
    [InlineData("SELECT MAX(status) FROM orders", "returns the text \"refunded\", not a number")]
    public async Task A_metric_that_is_not_one_number_is_reported(string sql, string expected)
    {
        var errors = await CheckAsync(("odd", sql));

        errors.Should().ContainSingle().Which.Message.Should()
            .Be($"metrics.odd.sql: {expected}; a metric's SQL must return exactly one row with one numeric column");
    }

    [Fact]
    public async Task An_aggregate_over_no_rows_is_accepted_because_null_is_a_fact_of_the_data()
    {
        var errors = await CheckAsync(("none", "SELECT SUM(quantity) FROM order_items WHERE quantity < 0"));

        errors.Should().BeEmpty();
    }

    [Fact]
    public async Task An_unreachable_database_is_one_exception_not_an_error_per_metric()
    {
        await using var missing = new SqliteBackend(Path.Combine(_db.Directory, "missing", "retail.db"));
        var queries = new ReadOnlyQueryService(new ReadOnlySqlGate(), missing, LimitSettings.Defaults);

        var act = () => MetricSqlChecker.CheckAsync(Rules(("revenue", Revenue), ("order_count", "SELECT COUNT(*) FROM orders")), "business_rules.md", queries, CancellationToken.None);

        (await act.Should().ThrowAsync<DataEnvException>()).Which.Code.Should().Be(ErrorCodes.DatabaseUnavailable);
    }

    private async Task<long> CountOrdersAsync() =>
        (long)(await _db.Backend.ExecuteAsync(Requests.Query("SELECT COUNT(*) FROM orders"), CancellationToken.None)).Rows[0][0]!;
}
