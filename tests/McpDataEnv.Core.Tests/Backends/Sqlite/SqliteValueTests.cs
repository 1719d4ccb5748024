namespace McpDataEnv.Core.Tests.Backends.Sqlite;

public sealed class SqliteValueTests(SeededDatabase db) : IClassFixture<SeededDatabase>
{
    [Fact]
    public async Task Values_are_normalised_for_json_by_storage_class()
    {
        var result = await db.Backend.ExecuteAsync(Requests.Query("SELECT 42, 0.1, 'text', x'0102', NULL, 9223372036854775807"), CancellationToken.None);

        result.Rows[0].Should().BeEquivalentTo(new object?[] { 42L, 0.1, "text", new byte[] { 1, 2 }, null, long.MaxValue }, o => o.WithStrictOrdering());
        result.Rows[0].Select(v => v?.GetType()).Should().Equal(typeof(long), typeof(double), typeof(string), typeof(byte[]), null, typeof(long));
        result.Columns.Select(c => c.Type).Should().Equal("INTEGER", "REAL", "TEXT", "BLOB", "NULL", "INTEGER");
    }

    [Fact]
    public async Task Columns_report_the_declared_type_and_the_alias_name()
    {
        var result = await db.Backend.ExecuteAsync(
            Requests.Query("SELECT order_id AS id, ordered_at, unit_price FROM orders JOIN order_items USING (order_id) WHERE order_id = 1 AND line_no = 1"),
            CancellationToken.None);

        result.Columns.Select(c => (c.Name, c.Type)).Should().Equal(("id", "INTEGER"), ("ordered_at", "TIMESTAMP"), ("unit_price", "NUMERIC"));
        result.Rows[0][1].Should().BeOfType<string>().Which.Should().MatchRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$");
    }

    [Fact]
    public async Task Money_round_trips_exactly_from_the_generated_decimals()
    {
        var product = SeededDatabase.Dataset.Value.Products[41];

        var result = await db.Backend.ExecuteAsync(Requests.Query($"SELECT unit_price, unit_cost, sku FROM products WHERE product_id = {product.ProductId}"), CancellationToken.None);

        result.Rows[0].Should().Equal((double)product.UnitPrice, (double)product.UnitCost, product.Sku);
        ((decimal)(double)result.Rows[0][0]!).Should().Be(product.UnitPrice);
    }

    [Fact]
    public async Task Infinite_reals_become_strings_json_can_hold()
    {
        var result = await db.Backend.ExecuteAsync(Requests.Query("SELECT 1e308 * 10, -1e308 * 10"), CancellationToken.None);

        result.Rows[0].Should().Equal("Infinity", "-Infinity");
    }

    [Fact]
    public async Task Seeded_totals_match_the_generated_dataset()
    {
        var data = SeededDatabase.Dataset.Value;

        var result = await db.Backend.ExecuteAsync(
            Requests.Query("SELECT (SELECT count(*) FROM order_items), (SELECT count(*) FROM customers WHERE churned_on IS NOT NULL), (SELECT sum(quantity) FROM order_items)"),
            CancellationToken.None);

        result.Rows[0].Should().Equal((long)data.OrderItems.Count(), (long)data.Customers.Count(c => c.ChurnedOn != null), data.OrderItems.Sum(i => i.Quantity));
    }
}
