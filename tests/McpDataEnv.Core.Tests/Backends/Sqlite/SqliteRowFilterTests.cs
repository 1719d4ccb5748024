using System.Globalization;
using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Governance;
using McpDataEnv.Core.Tests.Environments;
using Microsoft.Data.Sqlite;

namespace McpDataEnv.Core.Tests.Backends.Sqlite;

/// <summary>emea_manager's row filters hold in the engine for every query shape, and cannot be bypassed.</summary>
public sealed class SqliteRowFilterTests : IClassFixture<SeededDatabase>
{
    private const string EmeaRevenue = """
        SELECT SUM(oi.quantity * oi.unit_price * (1 - oi.discount)) FROM main.order_items oi
        JOIN main.orders o ON o.order_id = oi.order_id JOIN main.regions r ON r.region_id = o.region_id
        WHERE o.status = 'completed' AND r.code = 'EMEA'
        """;

    private readonly SeededDatabase _db;

    public SqliteRowFilterTests(SeededDatabase db)
    {
        _db = db;
        using var connection = new SqliteConnection($"Data Source={db.Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE VIEW IF NOT EXISTS all_orders AS SELECT * FROM orders";
        command.ExecuteNonQuery();
    }

    public static PolicyAccessScope Scope(string role)
    {
        var env = DemoEnvironmentTests.Retail();
        return PolicyAccessScope.ForRole(env.Policy, role, "tester", env.Schema);
    }

    [Theory]
    [InlineData("SELECT SUM(oi.quantity * oi.unit_price * (1 - oi.discount)) FROM order_items oi JOIN orders o ON o.order_id = oi.order_id WHERE o.status = 'completed'")]
    [InlineData("SELECT SUM(quantity * unit_price * (1 - discount)) FROM order_items WHERE order_id IN (SELECT order_id FROM orders WHERE status = 'completed')")]
    [InlineData("WITH l AS (SELECT oi.quantity * oi.unit_price * (1 - oi.discount) AS v FROM order_items oi JOIN orders o USING (order_id) WHERE o.status = 'completed') SELECT SUM(v) FROM l")]
    [InlineData("SELECT SUM(v) FROM (SELECT oi.quantity * oi.unit_price * (1 - oi.discount) AS v FROM orders o JOIN order_items oi ON oi.order_id = o.order_id WHERE o.status = 'completed')")]
    [InlineData("SELECT DISTINCT SUM(oi.quantity * oi.unit_price * (1 - oi.discount)) OVER () FROM order_items oi JOIN orders o ON o.order_id = oi.order_id WHERE o.status = 'completed'")]
    [InlineData("SELECT SUM(rev) FROM (SELECT r.code, SUM(oi.quantity * oi.unit_price * (1 - oi.discount)) AS rev FROM order_items oi JOIN orders o ON o.order_id = oi.order_id JOIN regions r ON r.region_id = o.region_id WHERE o.status = 'completed' GROUP BY r.code)")]
    [InlineData("SELECT SUM(oi.quantity * oi.unit_price * (1 - oi.discount)) FROM regions r JOIN orders o ON o.region_id = r.region_id JOIN order_items oi ON oi.order_id = o.order_id WHERE o.status = 'completed'")]
    public async Task Emea_manager_revenue_by_any_route_equals_the_EMEA_only_revenue(string sql)
    {
        var expected = await Scalar(EmeaRevenue, UnrestrictedAccess.Instance);

        var actual = await Scalar(sql, Scope("emea_manager"));

        actual.Should().BeApproximately(expected, 1e-6 * Math.Abs(expected));
        expected.Should().BeLessThan(await Scalar(EmeaRevenue.Replace("AND r.code = 'EMEA'", ""), UnrestrictedAccess.Instance));
    }

    [Theory]
    [InlineData("SELECT DISTINCT r.code FROM orders o JOIN regions r USING (region_id)")]
    [InlineData("SELECT DISTINCT r.code FROM customers c JOIN regions r USING (region_id)")]
    [InlineData("SELECT DISTINCT r.code FROM order_items oi JOIN orders o USING (order_id) JOIN regions r ON r.region_id = o.region_id")]
    [InlineData("SELECT DISTINCT r.code FROM temp.orders o JOIN regions r USING (region_id)")]
    public async Task Emea_manager_sees_only_EMEA_rows(string sql)
    {
        var result = await _db.Backend.ExecuteAsync(Requests.Query(sql, access: Scope("emea_manager")), CancellationToken.None);

        result.Rows.Select(r => r[0]).Should().Equal("EMEA");
    }

    [Theory]
    [InlineData("SELECT count(*) FROM main.orders")]
    [InlineData("SELECT region_id FROM main.customers")]
    [InlineData("SELECT count(*) FROM all_orders")]
    [InlineData("SELECT o.order_id FROM main.order_items oi JOIN orders o USING (order_id)")]
    [InlineData("WITH x AS (SELECT * FROM main.orders) SELECT count(*) FROM x")]
    [InlineData("SELECT count(*) FROM orders UNION ALL SELECT count(*) FROM main.orders")]
    public async Task Emea_manager_cannot_bypass_the_filter_through_the_base_table(string sql)
    {
        var act = () => _db.Backend.ExecuteAsync(Requests.Query(sql, access: Scope("emea_manager")), CancellationToken.None);

        var error = (await act.Should().ThrowAsync<DataEnvException>()).Which;
        error.Code.Should().Be(ErrorCodes.AccessDenied);
        error.Details["rule"].Should().Be("emea_manager.row_filters");
    }

    [Theory]
    [InlineData("SELECT count(*) FROM customers JOIN (SELECT 'x@example.com' AS email) USING (email)", "emea_manager.deny_columns")]
    [InlineData("SELECT count(*) FROM customers c JOIN (SELECT 1 AS customer_id, 'x' AS phone) USING (customer_id, phone)", "emea_manager.deny_columns")]
    [InlineData("SELECT count(*) FROM customers NATURAL JOIN (SELECT 'x@example.com' AS email)", "emea_manager.deny_columns")]
    [InlineData("SELECT count(*) FROM \"main\".\"orders\" JOIN (SELECT 1 AS region_id) USING (region_id)", "emea_manager.row_filters")]
    [InlineData("SELECT count(*) FROM MAIN . orders a JOIN main.orders b USING (order_id)", "emea_manager.row_filters")]
    [InlineData("SELECT count(*) FROM [main].[order_items] JOIN orders USING (order_id)", "emea_manager.row_filters")]
    public async Task Implicit_join_columns_cannot_leak_what_the_authorizer_never_sees(string sql, string rule)
    {
        var act = () => _db.Backend.ExecuteAsync(Requests.Query(sql, access: Scope("emea_manager")), CancellationToken.None);

        (await act.Should().ThrowAsync<DataEnvException>()).Which.Details["rule"].Should().Be(rule);
    }

    [Theory]
    [InlineData("SELECT sql FROM sqlite_temp_master")]
    [InlineData("SELECT sql FROM temp.sqlite_schema")]
    public async Task Emea_manager_cannot_read_the_filter_definitions(string sql)
    {
        var act = () => _db.Backend.ExecuteAsync(Requests.Query(sql, access: Scope("emea_manager")), CancellationToken.None);

        await act.Should().ThrowAsync<DataEnvException>();
    }

    [Theory]
    [InlineData("SELECT email FROM customers")]
    [InlineData("SELECT c.* FROM customers c")]
    [InlineData("SELECT phone AS remark FROM temp.customers")]
    public async Task Emea_manager_column_denials_still_hold_through_the_view(string sql)
    {
        var act = () => _db.Backend.ExecuteAsync(Requests.Query(sql, access: Scope("emea_manager")), CancellationToken.None);

        var error = (await act.Should().ThrowAsync<DataEnvException>()).Which;
        error.Details["rule"].Should().Be("emea_manager.deny_columns");
    }

    [Fact]
    public async Task Roles_with_different_filters_never_share_a_connection()
    {
        const string sql = "SELECT count(*) FROM orders";
        var analyst = Scope("analyst");
        var emea = Scope("emea_manager");

        var counts = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
            (Emea: i % 2 == 0, Count: await Scalar(sql, i % 2 == 0 ? emea : analyst))));

        counts.Where(c => c.Emea).Select(c => c.Count).Distinct().Should().ContainSingle();
        counts.Where(c => !c.Emea).Select(c => c.Count).Distinct().Should().ContainSingle()
            .Which.Should().BeGreaterThan(counts.First(c => c.Emea).Count);
    }

    [Theory]
    [InlineData("DELETE FROM orders")]
    [InlineData("INSERT INTO orders(order_id) VALUES (-1)")]
    [InlineData("CREATE TEMP TABLE t(x)")]
    [InlineData("DROP VIEW orders")]
    [InlineData("CREATE TEMP VIEW v AS SELECT 1")]
    public async Task A_filtered_connection_still_refuses_every_write(string sql)
    {
        var act = () => _db.Backend.ExecuteAsync(Requests.Query(sql, access: Scope("emea_manager")), CancellationToken.None);

        await act.Should().ThrowAsync<DataEnvException>();
        (await Scalar("SELECT count(*) FROM orders WHERE order_id = -1", Scope("emea_manager"))).Should().Be(0);
        (await Scalar("SELECT count(*) FROM sqlite_temp_master", UnrestrictedAccess.Instance)).Should().Be(0);
    }

    [Fact]
    public async Task The_engine_reports_what_the_statement_reads()
    {
        var result = await _db.Backend.ExecuteAsync(
            Requests.Query("SELECT o.status, count(*) FROM orders o JOIN regions r ON r.region_id = o.region_id GROUP BY 1", access: Scope("emea_manager")),
            CancellationToken.None);

        result.Reads.Select(r => $"{r.Table}.{r.Column}").Should().Contain(["orders.status", "orders.region_id", "regions.region_id"])
            .And.NotContain(r => r.StartsWith("customers", StringComparison.Ordinal));
    }

    private async Task<double> Scalar(string sql, IAccessScope scope)
    {
        var result = await _db.Backend.ExecuteAsync(Requests.Query(sql, access: scope), CancellationToken.None);
        return Convert.ToDouble(result.Rows[0][0], CultureInfo.InvariantCulture);
    }
}
